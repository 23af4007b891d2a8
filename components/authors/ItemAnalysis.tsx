// Item analysis in the authors' report: per chapter an overview table (facility, discrimination,
// flags), then per item its details with a small server-rendered chart and the same figures as a
// table. Chart colours are the page's CSS variables, so they follow light and dark mode.
import "./authors.css";
import { FLAG_TEXT, LIMITS, type Flag } from "@/lib/authors/item-analysis";
import type { ItemStats, QuestionStats } from "@/lib/authors/report.server";
import { ColumnHeads } from "./ColumnHeads";
import { ScrollRegion } from "./ScrollRegion";
import styles from "./ItemAnalysis.module.css";

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const share = (part: number, whole: number) => (whole ? part / whole : null);
const signed = (r: number | null) => (r === null ? "–" : r.toFixed(2).replace("-", "−"));
const anchor = (item: { chapterId: string; questionId: string }) => `item-${item.chapterId.replace(/\W+/g, "-")}-${item.questionId}`;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const TYPE_TEXT: Record<ItemStats["type"], string> = {
  single: "single choice",
  multiple: "multiple choice",
  numeric: "numeric",
  computed: "computed",
  predict: "predict",
  ordering: "ordering",
};

/** What the numbers mean (shown once above the items). */
export function ItemGuide() {
  return (
    <div className={styles.guide}>
      <p>
        All figures use <strong>first attempts</strong>: attempt 1 of an item in a round, by learners who had not seen solutions in an
        earlier round.
      </p>
      <ul>
        <li>
          <strong>Facility</strong>: share of first attempts that were fully correct.
        </li>
        <li>
          <strong>Discrimination</strong>: point-biserial correlation <em>r</em> between the item&apos;s first-attempt score and the
          learner&apos;s round total (mean first-attempt score over the round&apos;s items), over rounds with no informed attempt and at
          least two items answered. Around 0.3 and above: the item separates stronger from weaker learners; below 0: stronger learners do
          worse on it. “Rest” (in the details and the CSV) leaves the item out of the total, as Moodle&apos;s discrimination index does.
        </li>
        <li>
          <strong>Flags</strong>: {Object.values(FLAG_TEXT).join(" · ")}.
        </li>
      </ul>
    </div>
  );
}

function Flags({ flags }: { flags: Flag[] }) {
  if (!flags.length) return <span className={styles.ok}>none</span>;
  return (
    <ul className={styles.flags}>
      {flags.map((f) => (
        <li key={f} className={f === "few-data" ? styles.flagMuted : styles.flag}>
          {FLAG_TEXT[f]}
        </li>
      ))}
    </ul>
  );
}

/** The items of one chapter at a glance; each links to its details. */
export function ItemOverview({ chapterTitle, items }: { chapterTitle: string; items: ItemStats[] }) {
  return (
    <ScrollRegion label={`Quiz items, ${chapterTitle}`}>
      <table>
        <ColumnHeads
          columns={[
            "Item",
            "Type",
            "First attempts",
            "Facility",
            <>
              Discrimination (<abbr title="point-biserial correlation with the round total">r</abbr>)
            </>,
            "Flags",
          ]}
        />
        <tbody>
          {items.map((item) => (
            <tr key={item.questionId}>
              <td>
                <a href={`#${anchor(item)}`}>
                  <code>{item.questionId}</code>
                </a>
              </td>
              <td>{TYPE_TEXT[item.type]}</td>
              <td className={styles.num}>{item.firstAttempts}</td>
              <td className={styles.num}>{pct(item.facility)}</td>
              <td className={styles.num}>{signed(item.discrimination.r)}</td>
              <td>
                <Flags flags={item.flags} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

type Bar = { label: string; value: number | null; note: string; key?: boolean };

const ROW = 22;
const LABEL_W = 92;
const BAR_W = 200;
const WIDTH = LABEL_W + BAR_W + 70;

/** Horizontal bars of shares (0..1), an optional dashed reference line (the item's facility). */
function BarChart({ bars, description, reference }: { bars: Bar[]; description: string; reference?: number | null }) {
  const height = bars.length * ROW + 6;
  return (
    <svg className={styles.chart} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-label={description}>
      {bars.map((bar, i) => {
        const y = 3 + i * ROW;
        return (
          <g key={i}>
            <text className={styles.label} x={LABEL_W - 6} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle">
              {bar.label}
            </text>
            <rect className={styles.track} x={LABEL_W} y={y + 3} width={BAR_W} height={ROW - 6} rx={2} />
            {bar.value !== null && bar.value > 0 ? (
              <rect
                className={bar.key ? styles.barKey : styles.bar}
                x={LABEL_W}
                y={y + 3}
                width={Math.max(1, bar.value * BAR_W)}
                height={ROW - 6}
                rx={2}
              />
            ) : null}
            <text className={styles.value} x={LABEL_W + BAR_W + 6} y={y + ROW / 2} dominantBaseline="middle">
              {bar.value === null ? "–" : pct(bar.value)}
              {bar.key ? " ✓" : ""}
            </text>
          </g>
        );
      })}
      {reference !== undefined && reference !== null ? (
        <line className={styles.reference} x1={LABEL_W + reference * BAR_W} x2={LABEL_W + reference * BAR_W} y1={0} y2={height} />
      ) : null}
    </svg>
  );
}

function ChoiceDetails({ item, overview }: { item: ItemStats; overview?: QuestionStats }) {
  const choices = item.choices ?? [];
  const allPicks = new Map(overview?.choices.map((c) => [c.id, c.picked]));
  const bars = choices.map((c, i) => ({
    label: LETTERS[i] ?? String(i + 1),
    value: share(c.picked, item.firstAttempts),
    note: "",
    key: c.correct,
  }));
  return (
    <div className={styles.figure}>
      <BarChart
        bars={bars}
        description={`Share of first attempts picking each choice: ${bars
          .map((b) => `${b.label} ${pct(b.value)}${b.key ? " (key)" : ""}`)
          .join(", ")}. Details in the table.`}
      />
      <ScrollRegion label={`Choices picked, ${item.questionId}`}>
        <table>
          <caption>Distractor analysis (first attempts)</caption>
          <ColumnHeads columns={["Bar", "Choice", "Key", "Picked", overview ? "All attempts" : null]} />
          <tbody>
            {choices.map((c, i) => (
              <tr key={c.id}>
                <td>{bars[i]!.label}</td>
                <td dangerouslySetInnerHTML={{ __html: c.html }} />
                <td>{c.correct ? "✓ key" : "✗ distractor"}</td>
                <td className={styles.num}>
                  {c.picked} ({pct(share(c.picked, item.firstAttempts))})
                </td>
                {overview ? <td className={styles.num}>{allPicks.get(c.id) ?? 0}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

function StepDetails({ item }: { item: ItemStats }) {
  const steps = item.steps ?? [];
  const bars = steps.map((s, i) => ({ label: `step ${i + 1}`, value: share(s.inPlace, item.firstAttempts), note: "" }));
  return (
    <div className={styles.figure}>
      <BarChart
        bars={bars}
        description={`Share of first attempts with each step in its right place: ${bars.map((b) => `${b.label} ${pct(b.value)}`).join(", ")}.`}
      />
      <ScrollRegion label={`Steps in place, ${item.questionId}`}>
        <table>
          <caption>Steps in their right place (first attempts)</caption>
          <ColumnHeads columns={["Place", "Step", "In place"]} />
          <tbody>
            {steps.map((s, i) => (
              <tr key={s.id}>
                <td>{i + 1}</td>
                <td dangerouslySetInnerHTML={{ __html: s.html }} />
                <td className={styles.num}>
                  {s.inPlace} ({pct(share(s.inPlace, item.firstAttempts))})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

const range = (lo: number | null, hi: number | null) => (lo === null || hi === null ? "–" : lo === hi ? `${lo}` : `${lo}–${hi}`);

function ParamDetails({ item }: { item: ItemStats }) {
  const params = item.params ?? [];
  const bars = params.flatMap((p) => p.thirds.map((t) => ({ label: `${p.name} ${t.third}`, value: t.facility, note: `${t.n}` })));
  return (
    <div className={styles.figure}>
      <BarChart
        bars={bars}
        reference={item.facility}
        description={`Facility per third of each parameter's range: ${bars
          .map((b) => `${b.label} ${pct(b.value)} of ${b.note}`)
          .join(", ")}; dashed line: the item's facility, ${pct(item.facility)}.`}
      />
      <ScrollRegion label={`Facility per parameter third, ${item.questionId}`}>
        <table>
          <caption>Facility per parameter third (first attempts; dashed line: overall)</caption>
          <ColumnHeads columns={["Parameter", "Third of range", "Values seen", "Correct", "Facility"]} />
          <tbody>
            {params.flatMap((p) =>
              p.thirds.map((t) => (
                <tr key={`${p.name}-${t.third}`}>
                  <th scope="row">
                    <code>{p.name}</code> ({p.min}–{p.max})
                  </th>
                  <td>{t.third}</td>
                  <td className={styles.num}>{range(t.lo, t.hi)}</td>
                  <td className={styles.num}>
                    {t.correct} / {t.n}
                  </td>
                  <td className={styles.num}>{pct(t.facility)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

/** One item: its figures, flags, and its chart with a table. */
export function ItemCard({ item, overview }: { item: ItemStats; overview?: QuestionStats }) {
  const { discrimination: d } = item;
  return (
    // "question-stats": one per item, as the end-to-end test counts them.
    <details id={anchor(item)} className={`question-stats ${styles.card}`} open={item.flags.some((f) => f !== "few-data")}>
      <summary>
        <span className={styles.summaryId}>
          <code>{item.questionId}</code> · {TYPE_TEXT[item.type]} · facility {pct(item.facility)} · r {signed(d.r)}
          {item.flags.length ? ` · ${item.flags.length} flag${item.flags.length > 1 ? "s" : ""}` : ""}
        </span>
        <span className={styles.prompt} dangerouslySetInnerHTML={{ __html: item.labelHtml }} />
      </summary>
      <dl className={styles.stats}>
        <div>
          <dt>First attempts</dt>
          <dd>
            {item.firstAttempts} ({item.correct} correct)
          </dd>
        </div>
        <div>
          <dt>Facility</dt>
          <dd>
            {pct(item.facility)} (mean score {pct(item.meanScore)})
          </dd>
        </div>
        <div>
          <dt>Discrimination</dt>
          <dd>
            r {signed(d.r)}, rest {signed(d.rest)} ({d.n} rounds)
          </dd>
        </div>
        {overview ? (
          <div>
            <dt>All attempts</dt>
            <dd>
              {overview.attempts} by {overview.learners} learners · mean score {pct(overview.facility)} · later attempts{" "}
              {pct(overview.laterScore)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Flags</dt>
          <dd>
            <Flags flags={item.flags} />
          </dd>
        </div>
      </dl>
      {item.choices ? <ChoiceDetails item={item} overview={overview} /> : null}
      {item.steps ? <StepDetails item={item} /> : null}
      {item.params?.length ? <ParamDetails item={item} /> : null}
      {item.firstAttempts > 0 && item.firstAttempts < LIMITS.minFirstAttempts ? (
        <p className={styles.note}>Few first attempts yet: read these figures as hints only.</p>
      ) : null}
    </details>
  );
}
