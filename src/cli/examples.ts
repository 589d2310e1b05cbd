/*
 * The Examples section of each command's `--help` (issue 11, item 5). One place, so that a test
 * (test/cli/helpExamples.test.ts) can check that every command has some and that every example
 * line parses (and that the cheap ones run). Examples use no shell quoting; text after ` > ` is a
 * shell redirection, not part of the command. Each line fits 80 columns with its indent.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  compare: [
    'initlab compare',
    'initlab compare --inits zeros,he --hidden 16,8 --lr 0.05 --iterations 2000',
    'initlab compare --inits he,xavier --seed 7 --train-samples 1000 --out cmp',
    'initlab compare --config run.json --json',
  ],
  diagnose: [
    'initlab diagnose --width 64 --depth 4 --inits xavier,he',
    'initlab diagnose --hidden 512,256,128 --activation relu --seed 1 --out diag',
    'initlab diagnose --data moons:noise=0.1 --width 32 --depth 6 --json',
    'initlab diagnose --config examples/lsuv-10-layer-fashion-mnist.yaml',
    'initlab diagnose --config examples/fixup-skipinit-fashion-mnist.yaml',
  ],
  inits: ['initlab inits', 'initlab inits --wide', 'initlab inits --json'],
  explain: ['initlab explain keras:he_normal --shape 512x256', 'initlab explain torch:kaiming_normal --shape 64x32x3x3 --json'],
  sample: [
    'initlab sample he --shape 256x512 --seed 0',
    'initlab sample he --shape 256x512 --rng numpy --out he.npy',
    'initlab sample orthogonal --shape 64x64 --dtype float32 --out w.safetensors',
  ],
  sweep: [
    'initlab sweep spec.yaml --out sweep-out',
    'initlab sweep spec.yaml --out sweep-out --workers 4 --json',
    'initlab sweep spec.yaml --out runs --queue redis://10.0.0.5:6379',
  ],
  worker: [
    'initlab worker --queue redis://10.0.0.5:6379 --concurrency 2',
    'initlab worker --queue redis://10.0.0.5:6379 --max-jobs 10 --idle-exit 60',
  ],
  summarize: ['initlab summarize sweep-out', 'initlab summarize sweep-out --out summary.csv', 'initlab summarize sweep-out --json'],
  report: ['initlab report sweep-out', 'initlab report sweep-out --out report/index.html --no-boundaries'],
  theory: [
    'initlab theory --activation tanh --sigma-w2 1.5 --sigma-b2 0.05',
    'initlab theory --activation relu --sigma-w2 2 --sigma-b2 0 --json',
    'initlab theory --phase-diagram --out phase-out',
  ],
  trainability: [
    'initlab trainability',
    'initlab trainability --depth 2,8,16 --sigma-w2 0.5,1,2,4 --seeds 2',
    'initlab trainability --inits xavier,he --depth 2,8,32 --seeds 3 --out t-out',
  ],
  serve: ['initlab serve', 'initlab serve --port 8080'],
  figure: ['initlab figure --out figure', 'initlab figure --out figure --link #init=zeros&init=he&iters=3000'],
  completion: [
    'initlab completion bash > ~/.local/share/bash-completion/completions/initlab',
    'initlab completion zsh > ~/.zfunc/_initlab',
    'initlab completion fish > ~/.config/fish/completions/initlab.fish',
  ],
};

/** The help text's Examples section for `command` ('' when it has none). */
export function examplesHelp(command: string): string {
  const lines = EXAMPLES[command];
  return lines ? `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
}
