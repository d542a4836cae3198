import type { Severity } from '../engine/pack.js';
import type { LocatedFinding } from './windows.js';

/** One source's findings, as the CLI collects them. */
export interface SourceFindings {
  /** File path as given, or `-` for stdin. */
  source: string;
  findings: LocatedFinding[];
}

const LEVEL: Record<Severity, 'note' | 'warning' | 'error'> = {
  info: 'note',
  low: 'note',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};

/**
 * A SARIF 2.1.0 log of the findings, for code-scanning tools. Results name the rule, the
 * region (line, column, character offsets) and never the matched value.
 */
export function toSarif(all: SourceFindings[], version: string): object {
  const ruleIds = [...new Set(all.flatMap((s) => s.findings.map((f) => f.ruleId)))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const severity = new Map(all.flatMap((s) => s.findings.map((f) => [f.ruleId, f] as const)));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'promptward',
            version,
            informationUri: 'https://www.npmjs.com/package/promptward',
            rules: ruleIds.map((id) => {
              const f = severity.get(id)!;
              return {
                id,
                shortDescription: { text: `${f.category}${f.entity === undefined ? '' : ` (${f.entity})`}` },
                defaultConfiguration: { level: LEVEL[f.severity] },
                properties: { category: f.category, severity: f.severity },
              };
            }),
          },
        },
        results: all.flatMap((s) =>
          s.findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId)!,
            level: LEVEL[f.severity],
            message: { text: `${f.entity ?? f.category} found by ${f.ruleId} (${f.severity})` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: s.source === '-' ? 'stdin' : s.source.replace(/\\/g, '/') },
                  region: { startLine: f.line, startColumn: f.column, charOffset: f.start, charLength: f.end - f.start },
                },
              },
            ],
            properties: { score: f.score, view: f.view, ...(f.path === undefined ? {} : { path: f.path }) },
          })),
        ),
      },
    ],
  };
}
