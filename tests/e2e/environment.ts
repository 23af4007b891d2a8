// The browser tests' jest environment: Node's, plus a flag naming the test that just failed, so
// tests/e2e/browser.ts can save a screenshot and a trace of its pages (CI prints where).
import { TestEnvironment } from "jest-environment-node";
import type { Circus } from "@jest/types";

export default class BrowserTestEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event) {
    if (event.name === "test_start") this.global.__failedTest = undefined;
    if (event.name === "test_fn_failure") {
      const describe = event.test.parent.name === "ROOT_DESCRIBE_BLOCK" ? "" : event.test.parent.name;
      this.global.__failedTest = `${describe} ${event.test.name}`.trim();
    }
  }
}
