import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resultsDir, writeResult } from '../bench/report';
import type { DaySample } from './daily';
import type { SimulationReport } from './run';

/** The report for a terminal: a line per invariant (✓ held, ✗ breached, with examples), then the figures. */
export function terminalReport(report: SimulationReport): string {
  const lines = ['', 'invariants'];
  for (const invariant of report.invariants) {
    lines.push(
      `  ${invariant.held ? '✓' : '✗'} ${invariant.name}${invariant.held ? '' : `: ${invariant.breaches} breach(es)`}`,
    );
    for (const example of invariant.examples) lines.push(`      ${example}`);
  }
  const f = report.figures;
  lines.push(
    '',
    'figures',
    `  ${f.subscribers} subscribers, ${f.journeys} journeys, ${f.tasks} tasks, ${f.sms} SMS over ${f.simulatedDays} simulated days in ${f.realSeconds} s`,
    `  sustained: ${f.journeysPerSecond} journeys/s, ${f.tasksPerSecond} tasks/s, ${f.smsPerSecond} SMS/s`,
    `  faults: ${report.faultsInjected.map((fault) => `${fault.kind} (day ${fault.simulatedDay})`).join(', ') || 'none'}`,
  );
  if (report.unreached.length > 0) lines.push(`  not reached in this run: ${report.unreached.join(', ')}`);
  const breached = report.invariants.filter((invariant) => !invariant.held).length;
  lines.push('', breached === 0 ? 'every invariant held' : `${breached} invariant(s) breached`);
  return `${lines.join('\n')}\n`;
}

/** Writes `bench/results/<name>.json` and `<name>.html` (charts per simulated day); answers both paths. */
export async function writeReport(name: string, report: SimulationReport): Promise<{ json: string; html: string }> {
  const json = await writeResult(name, report);
  await mkdir(resultsDir, { recursive: true });
  const html = join(resultsDir, `${name}.html`);
  await writeFile(html, htmlReport(report));
  return { json, html };
}

function htmlReport(report: SimulationReport): string {
  const { days } = report;
  const rows = report.invariants
    .map(
      (invariant) =>
        `<tr class="${invariant.held ? 'held' : 'breached'}"><td>${invariant.held ? '✓' : '✗'}</td><td>${escape(invariant.name)}</td><td>${invariant.breaches}</td><td>${invariant.examples.map(escape).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Simulation, seed ${report.options.seed}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
.breached{background:#fde2e2}.held td:first-child{color:#1a7f37}figure{display:inline-block;margin:1rem 1rem 0 0}pre{background:#f6f8fa;padding:1rem;overflow:auto}</style></head>
<body><h1>A province's 90 days: seed ${report.options.seed}</h1>
<p>${report.options.subscribers} subscribers, days of ${report.options.daySeconds} s on the ${report.options.server} server, ${report.options.workers} worker(s), faults: ${report.faultsInjected.map((f) => `${f.kind} (day ${f.simulatedDay})`).join(', ') || 'none'}.</p>
<h2>Invariants</h2><table><tr><th></th><th>invariant</th><th>breaches</th><th>examples</th></tr>${rows}</table>
<h2>Per simulated day</h2>
${chart('Open tasks by role', days, (day) => day.openTasksByRole)}
${chart('SLA breaches (tasks escalated, so far)', days, (day) => ({ escalated: day.escalated }))}
${chart('SMS delivered by kind (so far)', days, (day) => day.smsByKind)}
${chart('Journeys by moment', days, (day) => day.journeysByMoment)}
<h2>Figures</h2><pre>${escape(JSON.stringify(report.figures, null, 2))}</pre>
${report.unreached.length ? `<p>Not reached in this run: ${report.unreached.map(escape).join(', ')}</p>` : ''}
</body></html>
`;
}

const palette = ['#0969da', '#cf222e', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#57606a', '#0550ae', '#953800'];

/** A line chart (inline SVG) of each series `pick` gives per day. */
function chart(title: string, days: DaySample[], pick: (day: DaySample) => Record<string, number>): string {
  const [width, height, pad] = [640, 240, 36];
  const names = [...new Set(days.flatMap((day) => Object.keys(pick(day))))].sort();
  const max = Math.max(1, ...days.flatMap((day) => Object.values(pick(day))));
  const first = days[0]?.day ?? 0;
  const last = days.at(-1)?.day ?? 1;
  const x = (day: number) => pad + ((day - first) / Math.max(1, last - first)) * (width - 2 * pad);
  const y = (value: number) => height - pad - (value / max) * (height - 2 * pad);
  const lines = names.map((name, index) => {
    const points = days.map((day) => `${x(day.day).toFixed(1)},${y(pick(day)[name] ?? 0).toFixed(1)}`).join(' ');
    const colour = palette[index % palette.length];
    return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"><title>${escape(name)}</title></polyline>`;
  });
  const legend = names
    .map((name, index) => `<span style="color:${palette[index % palette.length]}">■ ${escape(name)}</span>`)
    .join(' ');
  return `<figure><figcaption>${escape(title)}</figcaption><svg width="${width}" height="${height + 20}" role="img" aria-label="${escape(title)}">
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#999"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#999"/>
<text x="${pad}" y="${pad - 8}" font-size="11">${max}</text><text x="${pad}" y="${height - pad + 14}" font-size="11">day ${first}</text><text x="${width - pad - 40}" y="${height - pad + 14}" font-size="11">day ${last}</text>
${lines.join('\n')}</svg><div style="max-width:${width}px;font-size:12px">${legend}</div></figure>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
