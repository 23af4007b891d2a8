// Prints what jest.config.js needs from the app's TypeScript (the env schema's provider and the
// tests' content folders) as JSON. Run in a child process: tsx's require hook, loaded into the
// jest process itself, broke jest's own module resolution in global setups.
import { parseEnv } from "../../lib/env";
import { TEST_CONTENT_DIRS } from "./content-dirs";

console.log(JSON.stringify({ provider: parseEnv(process.env).DATABASE_PROVIDER, testContentDirs: TEST_CONTENT_DIRS }));
