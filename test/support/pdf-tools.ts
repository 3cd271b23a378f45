import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a poppler-utils tool (pdfinfo, pdfsig, pdftotext) on the bytes. A missing tool throws, so
 * the test fails rather than passes without checking anything.
 */
export async function runPdfTool(
  tool: 'pdfinfo' | 'pdfsig' | 'pdftotext',
  pdf: Buffer,
  args: string[] = [],
): Promise<ToolRun> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-check-'));
  const file = join(dir, 'document.pdf');
  await writeFile(file, pdf);
  try {
    return await new Promise<ToolRun>((resolve, reject) => {
      execFile(
        tool,
        [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])],
        (error, stdout, stderr) => {
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(new Error(`${tool} is not installed: apt-get install -y poppler-utils`));
            return;
          }
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
