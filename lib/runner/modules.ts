// The platform modules a cell may import (declarations: cell-modules.json).
import * as tf from "@tensorflow/tfjs";
import { check } from "@/lib/check";
import { show } from "@/lib/show";

export const PLATFORM_MODULES: Readonly<Record<string, unknown>> = {
  "@tensorflow/tfjs": tf,
  "@lbr/show": { show },
  "@lbr/check": { check },
};
