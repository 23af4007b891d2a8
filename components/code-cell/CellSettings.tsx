"use client";
// A cell's settings row: its time limit (and "allow more"), its seed (and "new seed"), line wrapping.
import { LONG_TIMEOUT_SECONDS } from "@/lib/runner/limits";
import styles from "./CellSettings.module.css";

const WRAP_KEY = "lbr:wrap";

/** Whether the learner asked for wrapped lines in this browser. */
export function readWrap(): boolean {
  try {
    return localStorage.getItem(WRAP_KEY) === "1";
  } catch {
    return false;
  }
}

/** Saves the wrap setting and tells every cell on the page. */
function saveWrap(wrap: boolean) {
  try {
    localStorage.setItem(WRAP_KEY, wrap ? "1" : "0");
  } catch {
    // storage disabled: the setting lasts for this page
  }
  window.dispatchEvent(new CustomEvent("lbr:wrap", { detail: wrap }));
}

type Props = {
  label: string;
  timeLimit: number;
  defaultTimeLimit: number;
  onTimeLimit: (seconds: number) => void;
  seed: number | undefined;
  defaultSeed: number | undefined;
  onSeed: (seed: number | undefined) => void;
  wrap: boolean;
  disabled: boolean;
};

export function CellSettings({ label, timeLimit, defaultTimeLimit, onTimeLimit, seed, defaultSeed, onSeed, wrap, disabled }: Props) {
  const longer = timeLimit > defaultTimeLimit;
  return (
    <div className={styles.settings}>
      <span className={styles.item}>
        <span>Time limit {timeLimit} s</span>
        {defaultTimeLimit < LONG_TIMEOUT_SECONDS ? (
          <button
            type="button"
            className={styles.button}
            aria-pressed={longer}
            disabled={disabled}
            aria-label={`Allow ${LONG_TIMEOUT_SECONDS} s for ${label}`}
            onClick={() => onTimeLimit(longer ? defaultTimeLimit : LONG_TIMEOUT_SECONDS)}
          >
            {longer ? `Back to ${defaultTimeLimit} s` : `Allow ${LONG_TIMEOUT_SECONDS} s`}
          </button>
        ) : null}
      </span>
      {defaultSeed !== undefined ? (
        <span className={styles.item}>
          <span>Seeded ({seed === defaultSeed ? `seed ${seed}` : `new seed ${seed}`}): every Run draws the same random numbers</span>
          <button
            type="button"
            className={styles.button}
            disabled={disabled}
            aria-label={`New seed for ${label}`}
            onClick={() => onSeed(1 + Math.floor(Math.random() * 99_999))}
          >
            New seed
          </button>
          {seed !== defaultSeed ? (
            <button type="button" className={styles.button} disabled={disabled} onClick={() => onSeed(defaultSeed)}>
              Seed {defaultSeed} again
            </button>
          ) : null}
        </span>
      ) : null}
      <button type="button" className={styles.button} aria-pressed={wrap} onClick={() => saveWrap(!wrap)}>
        Wrap long lines
      </button>
    </div>
  );
}
