"use client";
// A labelled slider with its current value shown beside it (used by the lab's controls).
import { useId } from "react";

type Props = {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  disabled?: boolean;
  format?: (value: number) => string;
  onChange: (value: number) => void;
};

export function RangeControl({ label, value, min, max, step, disabled, format = String, onChange }: Props) {
  const id = useId();
  return (
    <div className="lab-control">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-valuetext={format(value)}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {/* The slider announces its own value (aria-valuetext); this is the visible copy. */}
      <span className="lab-setting-value" aria-hidden="true">
        {format(value)}
      </span>
    </div>
  );
}
