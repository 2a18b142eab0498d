import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

/** Where benchmarks write their JSON results (ignored by git; docs/performance.md quotes the figures). */
export const resultsDir = join(__dirname, 'results');

/** p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Writes `bench/results/<name>.json`: the figures, the machine and the commit they were measured on. */
export async function writeResult(name: string, figures: unknown): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  const result = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    dirty: git(['status', '--porcelain']) !== '',
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    figures,
  };
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

/** The machine's load average (runnable processes, 1-minute) before a run and at its busiest during it. */
export interface LoadRecord {
  cores: number;
  before: number;
  duringMax: number;
  /** Above twice the cores, before or during: the figures met other work and are not for publishing. */
  noisy: boolean;
}

/** Samples the load average every 5 s until `stop()`, which gives the record of the run. */
export function watchLoad(): { stop(): LoadRecord } {
  const cores = cpus().length;
  const before = loadavg()[0]!;
  let duringMax = before;
  const timer = setInterval(() => (duringMax = Math.max(duringMax, loadavg()[0]!)), 5_000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      duringMax = Math.max(duringMax, loadavg()[0]!);
      const round = (value: number) => Math.round(value * 100) / 100;
      return {
        cores,
        before: round(before),
        duringMax: round(duringMax),
        noisy: Math.max(before, duringMax) > 2 * cores,
      };
    },
  };
}

/**
 * Waits (at most `maxMs`) until the 1-minute load average is at most the cores: a benchmark's own setup
 * (journeys started by the hundred) leaves a load that would otherwise count against what it measures.
 */
export async function loadSettled(maxMs = 180_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (loadavg()[0]! > cpus().length && Date.now() < deadline) await new Promise((done) => setTimeout(done, 5_000));
}

/** The printed line of a load record. */
export function loadLine({ cores, before, duringMax, noisy }: LoadRecord): string {
  return `load average ${before} before, up to ${duringMax} during (${cores} cores)${noisy ? ': NOISY, above 2× the cores' : ''}`;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** One bar of a chart: a label under it and its value. */
export interface Bar {
  label: string;
  value: number;
}

/**
 * Writes `bench/results/<name>.svg`: a plain bar chart (one or more series side by side per label),
 * readable in any browser, with the value written on each bar.
 */
export async function writeBarChart(
  name: string,
  title: string,
  unit: string,
  series: { name: string; bars: Bar[] }[],
): Promise<string> {
  const labels = [...new Set(series.flatMap((s) => s.bars.map((bar) => bar.label)))];
  const max = Math.max(...series.flatMap((s) => s.bars.map((bar) => bar.value)), 1e-9);
  const colors = ['#0b5cab', '#52c41a', '#fa8c16', '#cf1322'];
  const barWidth = 36;
  // A group is wide enough for its bars and for its label (about 7 px a character at 12 px).
  const barsWidth = series.length * barWidth;
  const group = Math.max(barsWidth + 40, Math.max(...labels.map((label) => label.length)) * 7 + 12);
  const [left, top, height] = [60, 40, 220];
  const titleText = `${title} (${unit})`;
  // Wide enough for the bars, and for the legend and the title (about 8 px a character at 15 px).
  const width = Math.max(left + labels.length * group, left + series.length * 160, left + titleText.length * 8) + 20;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + height + 70}" font-family="sans-serif" font-size="12">`,
    `<text x="${left}" y="20" font-size="15">${escape(titleText)}</text>`,
    `<line x1="${left}" y1="${top + height}" x2="${width - 10}" y2="${top + height}" stroke="#888"/>`,
  ];
  labels.forEach((label, i) => {
    const x0 = left + i * group + (group - barsWidth) / 2;
    series.forEach((s, j) => {
      const value = s.bars.find((bar) => bar.label === label)?.value;
      if (value === undefined) return;
      const h = (value / max) * height;
      const x = x0 + j * barWidth;
      parts.push(
        `<rect x="${x}" y="${top + height - h}" width="${barWidth - 4}" height="${h}" fill="${colors[j % colors.length]}"/>`,
      );
      parts.push(
        `<text x="${x + (barWidth - 4) / 2}" y="${top + height - h - 4}" text-anchor="middle">${formatValue(value)}</text>`,
      );
    });
    parts.push(`<text x="${x0 + barsWidth / 2}" y="${top + height + 18}" text-anchor="middle">${escape(label)}</text>`);
  });
  series.forEach((s, j) => {
    const x = left + j * 160;
    parts.push(`<rect x="${x}" y="${top + height + 36}" width="12" height="12" fill="${colors[j % colors.length]}"/>`);
    parts.push(`<text x="${x + 16}" y="${top + height + 46}">${escape(s.name)}</text>`);
  });
  parts.push('</svg>');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.svg`);
  await writeFile(file, parts.join('\n') + '\n');
  return file;
}

function formatValue(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
