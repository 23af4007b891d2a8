// The retrieval test set: questions in learners' own words (as typed into Ask AI, typos and
// lower case included), each with the course sections that answer it, and questions the course
// does not answer. Used by retrieve.test.ts and bench/ask.mjs.

const D = "optimization-regularization/regularization-techniques/dropout";
const MC = "optimization-regularization/regularization-techniques/monte-carlo-dropout";
const OV = "optimization-regularization/regularization-techniques/overfitting-and-regularization";
const WP = "optimization-regularization/regularization-techniques/weight-penalties";
const AD = "optimization-regularization/adaptive-optimizers/momentum-and-adam";
const GD = "optimization-regularization/optimization-basics/gradient-descent";
const BN = "optimization-regularization/regularization-techniques/batch-normalization";
const ES = "optimization-regularization/regularization-techniques/early-stopping-and-data-augmentation";

export const DROPOUT_CHAPTER = D;

/** [question, chapter id, acceptable section anchors ("" = the chapter's opening; "chapter#anchor" = a section of another chapter that answers it as well)] */
export const LEARNER_QUESTIONS: [string, string, string[]][] = [
  // The Dropout chapter
  [
    "why does my validation loss look better than my training loss with dropout?",
    D,
    ["see-it-for-yourself-the-same-network-with-and-without-dropout", "run-it-yourself"],
  ],
  ["how do I choose the dropout probability?", D, ["choosing-the-dropout-rate"]],
  ["should I use dropout in a CNN?", D, ["dropout-in-different-architectures", "choosing-the-dropout-rate"]],
  ["whats the point of dividing by 1-p during training?", D, ["the-mechanism", "two-conventions-for-the-same-idea"]],
  ["in pytorch is p the chance to keep a neuron or to drop it?", D, ["two-conventions-for-the-same-idea"]],
  ["my model gives a different prediction every time for the same input, why?", D, ["train-mode-and-eval-mode"]],
  ["does torch.no_grad() turn off dropout?", D, ["three-pytorch-pitfalls"]],
  ["F.dropout is still active after I call model.eval(), is that a bug?", D, ["three-pytorch-pitfalls"]],
  ["who came up with dropout first?", D, [""]],
  ["why do people say dropout is like training an ensemble?", D, ["why-it-works-a-huge-ensemble-with-shared-weights"]],
  ["how much did dropout improve the error on MNIST?", D, ["why-it-works-a-huge-ensemble-with-shared-weights"]],
  ["is it ok to use dropout together with batch norm?", D, ["the-price-extra-variance-and-why-batch-norm-notices", "drawbacks-and-limits"]],
  ["what is the variance of a unit after dropout?", D, ["the-price-extra-variance-and-why-batch-norm-notices", "the-mechanism"]],
  ["what is spatial dropout for conv layers?", D, ["dropout-in-different-architectures"]],
  ["how do I drop whole channels with noiseShape in tfjs?", D, ["dropout-in-different-architectures"]],
  ["can I use dropout in an LSTM or other recurrent network?", D, ["dropout-in-different-architectures"]],
  ["what's DropConnect?", D, ["dropout-in-different-architectures"]],
  ["should I change the learning rate and momentum when I add dropout?", D, ["the-papers-recipe"]],
  ["what value should the max-norm constraint have?", D, ["the-papers-recipe"]],
  ["does dropout help if I only have a few hundred training examples?", D, ["why-tiny-data-sets-gain-little"]],
  ["is dropout basically the same as L2 regularization?", D, ["dropout-as-l2-regularisation-in-a-simple-case"]],
  ["should i put dropout on the output layer?", D, ["where-it-goes"]],
  ["does model.predict in tensorflow.js use dropout?", D, ["train-mode-and-eval-mode", `${MC}#in-tensorflowjs`]],
  ["why does training take longer with dropout?", D, ["drawbacks-and-limits", "why-it-works-a-huge-ensemble-with-shared-weights"]],
  ["what happens if I forget to call model.eval() before testing?", D, ["train-mode-and-eval-mode"]],
  ["difference between inverted dropout and the dropout in the original paper?", D, ["two-conventions-for-the-same-idea"]],
  ["cs231n uses p as the keep probability but divides by p, which convention is that?", D, ["two-conventions-for-the-same-idea"]],
  [
    "how does the paper scale the weights at test time?",
    D,
    ["two-conventions-for-the-same-idea", "why-it-works-a-huge-ensemble-with-shared-weights"],
  ],
  ["what does co-adaptation mean?", D, [""]],
  ["I get 'Tensor is disposed', what does that mean?", D, ["when-a-cell-fails-four-common-tensorflowjs-errors"]],
  ["how do i fix a shape mismatch error in matMul?", D, ["when-a-cell-fails-four-common-tensorflowjs-errors"]],
  ["console.log prints Promise { <pending> } instead of my numbers", D, ["when-a-cell-fails-four-common-tensorflowjs-errors"]],
  ["error says argument must be float32 tensor but got bool tensor", D, ["when-a-cell-fails-four-common-tensorflowjs-errors"]],
  // Monte Carlo dropout
  [
    "can I use dropout to tell how uncertain my model is about a prediction?",
    MC,
    ["", "the-procedure", "why-it-is-useful", "uncertainty-for-a-classifier"],
  ],
  ["how many forward passes does mc dropout need?", MC, ["costs-and-cautions"]],
  ["how do I keep dropout on at prediction time in tensorflow.js?", MC, ["in-tensorflowjs"]],
  // Batch normalization; early stopping and data augmentation
  ["what does a batch norm layer actually compute?", BN, ["what-the-layer-computes"]],
  ["my batchnorm model predicts badly after training, do I need a special inference mode?", BN, ["training-mode-and-inference-mode"]],
  ["why does batch normalization make training faster?", BN, ["why-it-helps-training"]],
  ["how do I stop training when the validation loss stops getting better?", ES, ["early-stopping", "in-tensorflowjs"]],
  ["is flipping my training images a good way to get more data?", ES, ["data-augmentation"]],
  // Overfitting, penalties, optimisers: the chapters' stable main claims
  ["what's the difference between the validation set and the test set?", OV, ["measuring-it"]],
  ["both my training loss and validation loss are high, what does that mean?", OV, ["measuring-it", "a-rule-of-thumb"]],
  ["why is L2 regularization also called weight decay?", WP, ["l2-shrink-everything-a-little", "weight-decay-in-adaptive-optimisers"]],
  ["what does momentum do in gradient descent?", AD, ["momentum"]],
  ["Adam or SGD, which one should I use?", AD, ["which-one-to-use"]],
  ["my loss suddenly becomes NaN, is the learning rate too high?", GD, ["choosing-the-learning-rate"]],
  ["what is learning rate warm-up?", GD, ["learning-rate-schedules"]],
  ["why train on mini-batches instead of the whole dataset?", GD, ["mini-batches"]],
];

/** Questions the course does not answer: Ask AI must say so, not quote a passage that shares a word. */
export const NOT_COVERED: string[] = [
  "What is the capital of France?",
  "How do transformers use self-attention?",
  "Who won the football world cup in 2022?",
  "How do I bake sourdough bread?",
  "How do I deploy my model in a mobile phone app?",
  "What is a random forest?",
  "How do GANs generate images?",
  "How do I install tensorflow.js with npm?",
];
