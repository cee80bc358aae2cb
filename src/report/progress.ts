/**
 * Live progress of a run on stderr: one line per finished case, and on a terminal a status line
 * that follows the case through compile, check, warm-up and sampling.
 */
import type { ProgressHooks } from '../measure/measure-cases.js';
import type { ProgressEvent } from '../protocol/messages.js';
import type { CaseRecord } from '../results/schema.js';
import { headlineFigure } from './figures.js';

/** A reporter writing to `stream` (stderr); `live` redraws a status line (use on a TTY only). */
export function progressReporter(stream: NodeJS.WritableStream, live: boolean): ProgressHooks {
  let current = '';
  const clear = () => {
    if (live && current) stream.write('\r\x1b[2K');
  };
  const status = (text: string) => {
    if (!live) return;
    clear();
    stream.write(text);
  };
  return {
    log(line) {
      clear();
      stream.write(line + '\n');
      if (current) status(current);
    },
    caseStarted(index, total, label) {
      current = `[${index}/${total}] ${label}`;
      status(`${current} ...`);
    },
    caseProgress(event: ProgressEvent) {
      status(`${current} ... ${event.phase}${event.samples !== undefined ? ` (${event.samples} samples)` : ''}`);
    },
    caseFinished(record: CaseRecord) {
      clear();
      const config = Object.entries(record.params)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
      const result =
        record.status === 'ok' ? headlineFigure(record) : `${record.status.toUpperCase()}: ${record.message ?? ''}`;
      stream.write(`${current} ${config}: ${result}\n`);
      current = '';
    },
  };
}
