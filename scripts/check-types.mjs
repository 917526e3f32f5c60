// The TypeScript declarations (types/pay-later.d.ts), checked as a merchant's developer meets them:
// the typed example passes `tsc --noEmit --strict`, and the misuse example fails it with exactly
// one error on each line that follows a `// MISUSE` comment (a misspelt option, a number amount,
// an unknown currency or view, a detail field that does not exist). Part of scripts/test.sh.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Runs tsc on `project`; returns its exit code and what it printed.
 * @param {string} project a tsconfig file
 * @returns {{ code: number, out: string }}
 */
const tsc = (project) => {
  try {
    return { code: 0, out: execFileSync('node_modules/.bin/tsc', ['-p', project], { encoding: 'utf8' }) };
  } catch (error) {
    const e = /** @type {{ status: number, stdout: unknown, stderr: unknown }} */ (error);
    return { code: e.status, out: String(e.stdout) + String(e.stderr) };
  }
};

execFileSync('node', ['scripts/text-keys.mjs'], { stdio: 'inherit' });
const typed = tsc('types/tsconfig.json');
if (typed.code !== 0) {
  console.error(`types: the typed example fails tsc --strict:\n${typed.out}`);
  process.exit(1);
}
const misuse = tsc('types/tsconfig.misuse.json');
const lines = readFileSync('types/examples/misuse.ts', 'utf8').split('\n');
const expected = lines.flatMap((line, i) => (line.trim().startsWith('// MISUSE') ? [i + 2] : []));
const found = [...misuse.out.matchAll(/misuse\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => Number(m[1]));
const missing = expected.filter((line) => !found.includes(line));
const unexpected = found.filter((line) => !expected.includes(line));
if (misuse.code === 0 || missing.length || unexpected.length) {
  console.error(`types: the misuse example should fail on lines ${expected.join(', ')}; failed on ${found.join(', ') || 'none'}`);
  if (missing.length) console.error(`  accepted although wrong: ${missing.map((l) => `line ${l}: ${lines[l - 1].trim()}`).join('; ')}`);
  console.error(misuse.out);
  process.exit(1);
}
console.log(`types: the typed example passes tsc --strict; the misuse example fails on each of its ${expected.length} mistakes`);
