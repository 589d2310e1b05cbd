// tsc does not keep the executable bit; npm links dist/cli/main.js as the `initlab` bin.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
