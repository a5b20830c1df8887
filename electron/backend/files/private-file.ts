import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The one way the app writes a file of its own (state, drafts, consent decisions, window state): readable by the user
 * only (0600 in a 0700 directory) and atomic (a temporary file, flushed to disk, then renamed over the old one), so a
 * crash leaves either the old file or the new one, never half of either, and no other account can read what it holds.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode only applies to directories it creates; an existing one of ours (e.g. Electron's userData, made
  // with the umask) is tightened, so the names of the files inside are not listed to others either.
  const stat = await fs.promises.stat(dir);
  if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) await fs.promises.chmod(dir, 0o700);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': never follow or reuse something already at the temporary name.
  const handle = await fs.promises.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

// The rename itself is durable only once the directory is flushed; not every platform can open a directory.
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory: the rename is as durable as the platform makes it.
  } finally {
    await handle?.close();
  }
}

/** The text of a file the app wrote, or undefined when it is missing or unreadable. */
export async function readPrivateFile(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * One file written by writePrivateFile, with writes serialized: only the newest pending text is written, and a
 * failed write does not stop later ones (the file is a convenience; its owner keeps the state in memory).
 */
export class PrivateFile {
  private writing: Promise<void> = Promise.resolve();
  private pending: string | null = null;

  constructor(readonly file: string) {}

  read(): Promise<string | undefined> {
    return readPrivateFile(this.file);
  }

  /** Resolves once `text` (or a newer text) has landed, or its write failed. */
  write(text: string): Promise<void> {
    this.pending = text;
    this.writing = this.writing.then(() => this.flush()).catch(() => undefined);
    return this.writing;
  }

  /** Resolves when every pending write has landed. */
  flushed(): Promise<void> {
    return this.writing;
  }

  private async flush(): Promise<void> {
    const text = this.pending;
    this.pending = null;
    if (text !== null) await writePrivateFile(this.file, text);
  }
}
