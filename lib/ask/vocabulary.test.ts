// How questions are read: one spelling and stem for text and question alike, whole tokens for
// "1-p" and decimals, and vocabularies that turn learners' words into the text's.
import { processTerm, stems, tokenize } from "./text";
import { compileVocabulary, ENGLISH, queryUnits, vocabularyFileSchema } from "./vocabulary";

describe("reading text", () => {
  it("stems question and text alike, whatever the spelling", () => {
    expect(processTerm("normalisation")).toBe(processTerm("normalization"));
    expect(processTerm("regularisers")).toBe(processTerm("regularizers"));
    expect(processTerm("behaviour")).toBe(processTerm("behavior"));
    expect(processTerm("modelling")).toBe(processTerm("modeling"));
    expect(processTerm("goes")).toBe(processTerm("go"));
    expect(processTerm("the")).toBeNull();
  });

  it("keeps decimals and the keep probability whole, and splits names in camel case", () => {
    expect(tokenize("a rate of 0.5 and p=0.25")).toEqual(expect.arrayContaining(["0.5", "0.25"]));
    expect([...stems("divide by 1-p")]).toContain("1-p");
    expect([...stems("scaled by 1 − p")]).toContain("1-p");
    expect([...stems("model.eval() and f(1-p(x))")]).not.toContain("1-p");
    expect(tokenize("noiseShape and BatchNormalizationLayer")).toEqual(
      expect.arrayContaining(["noise", "Shape", "Batch", "Normalization", "Layer"]),
    );
    expect(tokenize("self-attention")).toEqual(["self", "attention", "selfattention"]);
  });
});

describe("vocabularies", () => {
  const course = compileVocabulary(
    vocabularyFileSchema.parse({
      synonyms: [
        { learner: ["cnn", "conv net"], course: ["convolutional"] },
        { learner: ["batchnorm", "batch norm"], course: ["batch normalization"] },
        { learner: ["lstm", "gru"], course: ["recurrent"] },
      ],
      broad: ["deep learning", "model"],
    }),
  );
  const english = compileVocabulary(ENGLISH);
  const forms = (question: string) =>
    queryUnits(question, [english, course]).map((u) => [u.own.join(" "), u.forms.map((f) => f.join(" ")), u.weak]);

  it("adds the text's words to the learner's, for single words and phrases", () => {
    expect(forms("should I use dropout in CNNs?")).toEqual(
      expect.arrayContaining([
        ["dropout", ["dropout"], false],
        ["cnn", ["cnn", "convolut"], false],
      ]),
    );
    expect(forms("a conv net")).toEqual([["conv net", ["conv net", "convolut"], false]]);
    // A phrase with a stop word does not stand for its other word: "go up" is not "go".
    expect(forms("why does my loss go up?")).toEqual(expect.arrayContaining([["go", ["rise", "increas", "grow", "shoot"], false]]));
  });

  it("counts filler and broad words as weak, by the word as written", () => {
    expect(forms("what is a good way to pick it")).toEqual([
      ["good", ["good"], true],
      ["wai", ["wai"], true],
      ["pick", ["pick", "choos", "choic"], false],
    ]);
    expect(forms("dropout in deep learning models")).toEqual([
      ["deep learn", ["deep learn"], true],
      ["dropout", ["dropout"], false],
      ["model", ["model"], true],
    ]);
    // "correction" is not the filler word "correct".
    expect(forms("bias correction")).toEqual(expect.arrayContaining([["correct", ["correct"], false]]));
  });

  it("reads a camel-case name as its parts too", () => {
    expect(forms("BatchNormalizationLayer")).toEqual([["batchnormalizationlay", ["batchnormalizationlay", "batch normal layer"], false]]);
  });

  it("rejects a bad file with the entry and the problem", () => {
    const bad = vocabularyFileSchema.safeParse({ synonyms: [{ learner: ["<script>"], course: [] }], extra: 1 });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    expect(messages).toMatch(/synonyms\.0\.learner\.0: "<script>" must be a word or a short phrase/);
    expect(messages).toMatch(/synonyms\.0\.course: must list at least one word/);
    expect(messages).toMatch(/extra/);
  });
});
