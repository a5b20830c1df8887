// Pure part of the Electronegativity step: which findings are justified, which are not, which justifications no
// longer match anything, and the report printed in the CI output. Kept apart from the runner so it is unit-tested
// without scanning anything.

/**
 * A finding is justified by an entry naming its check id and file; an entry with a `sample` also needs the finding's
 * sample (e.g. the CSP string) to be exactly that, so a changed policy must be justified again.
 * @param {import('./electronegativity-report.d.mts').Finding[]} findings
 * @param {import('./electronegativity-report.d.mts').Justification[]} justifications
 */
export function classifyFindings(findings, justifications) {
  const used = new Set();
  const justified = [];
  const unjustified = [];
  for (const finding of findings) {
    const index = justifications.findIndex((entry) => justifies(entry, finding));
    if (index === -1) {
      unjustified.push(finding);
    } else {
      used.add(index);
      justified.push({ finding, reason: justifications[index].reason });
    }
  }
  const stale = justifications.filter((_entry, index) => !used.has(index));
  return { justified, unjustified, stale };
}

function justifies(entry, finding) {
  if (entry.check !== finding.check || entry.file !== finding.file) return false;
  return entry.sample === undefined || entry.sample === finding.sample;
}

/**
 * Reads the checked-in justification file's parsed JSON; anything malformed is an error naming the entry, because a
 * silently ignored justification would turn into a silently failing (or passing) check.
 * @param {unknown} json
 * @returns {import('./electronegativity-report.d.mts').Justification[]}
 */
export function parseJustifications(json) {
  const entries = typeof json === 'object' && json !== null && 'justified' in json ? json.justified : undefined;
  if (!Array.isArray(entries)) throw new Error('justification file: expected an object with a "justified" array');
  return entries.map((entry, index) => {
    const where = `justification file: entry ${index}`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} is not an object`);
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') throw new Error(`${where}: "${key}" is missing`);
    }
    if (entry.sample !== undefined && typeof entry.sample !== 'string')
      throw new Error(`${where}: "sample" is not text`);
    if (entry.reason.trim().length < 20) throw new Error(`${where}: "reason" must say why the finding is acceptable`);
    const { check, file, reason, sample } = entry;
    return sample === undefined ? { check, file, reason } : { check, file, reason, sample };
  });
}

/**
 * The text printed in the CI output: every finding with its verdict, parse errors, stale justifications, totals.
 * @param {ReturnType<typeof classifyFindings>} result
 * @param {{ file: string, message: string }[]} parseErrors
 */
export function formatReport(result, parseErrors) {
  const lines = ['Electronegativity findings on the built app (dist/main, dist/preload, dist/renderer):'];
  for (const { finding, reason } of result.justified) {
    lines.push(`  justified    ${describe(finding)}`, `               why: ${reason}`);
  }
  for (const finding of result.unjustified) {
    lines.push(`  UNJUSTIFIED  ${describe(finding)}`, `               ${finding.description}`);
  }
  for (const error of parseErrors) lines.push(`  NOT SCANNED  ${error.file}: ${error.message}`);
  for (const entry of result.stale) {
    lines.push(`  STALE        justification for ${entry.check} in ${entry.file} matches no finding: remove it`);
  }
  lines.push(
    `  ${result.justified.length} justified, ${result.unjustified.length} unjustified, ` +
      `${parseErrors.length} files not scanned, ${result.stale.length} stale justifications`,
  );
  return lines.join('\n');
}

function describe(finding) {
  const sample = finding.sample ? ` [${finding.sample}]` : '';
  return `${finding.check} ${finding.severity}/${finding.confidence} ${finding.file}:${finding.line}${sample}`;
}

/** The step fails on any unjustified finding, any file it could not parse, and any stale justification. */
export function passes(result, parseErrors) {
  return result.unjustified.length === 0 && result.stale.length === 0 && parseErrors.length === 0;
}
