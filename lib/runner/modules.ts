// The platform's modules a cell may import, by name (their declarations: cell-modules.json; the
// courses' libraries are added by the caller). One list for the worker and the tests.
import * as tf from "@tensorflow/tfjs";
import { check } from "@/lib/check";
import { show } from "@/lib/show";

export const PLATFORM_MODULES: Readonly<Record<string, unknown>> = {
  "@tensorflow/tfjs": tf,
  "@lbr/show": { show },
  "@lbr/check": { check },
};
