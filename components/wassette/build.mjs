// Builds one JavaScript component with componentize-js: node build.mjs <id> <out.wasm>
// Reads <id>/app.js and <id>/wit/, and <id>/features.json (the WASI features the component uses;
// componentize-js leaves out the imports of the others, so the component asks for nothing more).
//
// componentize-js writes its sources to /tmp/<12 hex digits from Math.random()>/ and bakes that
// path into the snapshot; a fixed Math.random makes the path, and so the bytes, the same on every
// build and machine. build.sh runs one build at a time (under a lock) because of that fixed path.
import { componentize } from '@bytecodealliance/componentize-js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ALL_FEATURES = ['stdio', 'random', 'clocks', 'http', 'fetch-event'];
const [id, out] = process.argv.slice(2);
const featuresFile = join(id, 'features.json');
const features = existsSync(featuresFile) ? JSON.parse(readFileSync(featuresFile, 'utf8')) : [];
const seed = parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) / 2 ** 32;
Math.random = () => seed;
const workDir = join('/tmp', createHash('sha256').update(seed.toString()).digest('hex').slice(0, 12));
rmSync(workDir, { recursive: true, force: true });
// The (source, options) form copies the source into the work folder, so no checkout path is baked in.
const { component } = await componentize(readFileSync(join(id, 'app.js'), 'utf8'), {
  sourceName: `${id}.js`,
  witPath: join(id, 'wit'),
  disableFeatures: ALL_FEATURES.filter((f) => !features.includes(f)),
});
writeFileSync(out, component);
