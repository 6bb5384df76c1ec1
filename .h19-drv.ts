import { ingestFigure } from './tests/bench/suites/anpr-suite.js';
import { tempDir } from './tests/support/temp-dir.js';
const tmp = tempDir('cctv-bench-anpr-');
try {
  const f = await ingestFigure(tmp.dir, { baselines: process.env.NOBASE !== "1" });
  for (const x of f) console.log(x.name, x.value, x.unit, 'baseline', x.baseline);
} finally { tmp.cleanup(); }
