// The `TextKey` type of the TypeScript declarations (types/text-keys.d.ts), generated from
// locales/en.json: `node scripts/text-keys.mjs --write` rewrites it; without --write it fails when
// the file is stale (scripts/check-types.mjs runs it so).
import { readFileSync, writeFileSync } from 'node:fs';

const keys = Object.keys(JSON.parse(readFileSync('locales/en.json', 'utf8')));
const text = `// Generated from locales/en.json by scripts/text-keys.mjs --write: the keys of the widget's texts.\nexport type TextKey =\n${keys.map((k) => `  | '${k}'`).join('\n')};\n`;
if (process.argv.includes('--write')) {
  writeFileSync('types/text-keys.d.ts', text);
} else if (readFileSync('types/text-keys.d.ts', 'utf8') !== text) {
  console.error('types/text-keys.d.ts is stale: run node scripts/text-keys.mjs --write');
  process.exit(1);
}
