// The storage component (wit/world.wit): Wassette preopens each directory its policy grants.
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

// The granted directory holding `path` and the path relative to it.
function locate(path) {
  const clean = path.replace(/\/+$/, '');
  for (const [descriptor, root] of getDirectories()) {
    const base = root.replace(/\/+$/, '');
    if (clean === base) {
      return [descriptor, '.'];
    }
    if (clean.startsWith(`${base}/`)) {
      return [descriptor, clean.slice(base.length + 1)];
    }
  }
  throw `no granted directory holds '${path}' (granted: ${getDirectories().length})`;
}

function failure(path, error) {
  return `cannot access '${path}': ${error?.payload ?? error}`;
}

export function listFiles(path) {
  const [root, relative] = locate(path);
  try {
    const dir = relative === '.' ? root : root.openAt({}, relative, { directory: true }, { read: true });
    const entries = dir.readDirectory();
    const names = [];
    for (let entry = entries.readDirectoryEntry(); entry !== undefined; entry = entries.readDirectoryEntry()) {
      names.push(entry.type === 'directory' ? `${entry.name}/` : entry.name);
    }
    return names.sort();
  } catch (error) {
    throw failure(path, error);
  }
}

export function readFile(path) {
  const [root, relative] = locate(path);
  try {
    const file = root.openAt({}, relative, {}, { read: true });
    const chunks = [];
    let offset = 0n;
    for (;;) {
      const [bytes, end] = file.read(65536n, offset);
      chunks.push(bytes);
      offset += BigInt(bytes.length);
      if (end || bytes.length === 0) {
        break;
      }
    }
    const all = new Uint8Array(Number(offset));
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return new TextDecoder().decode(all);
  } catch (error) {
    throw failure(path, error);
  }
}
