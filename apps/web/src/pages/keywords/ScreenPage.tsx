/** Screening: paste listings (one per line, or JSONL with id/title/description/tags) and see the matches highlighted. */
import { Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { api } from '../../api.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice } from '../../components/Status.tsx';

interface Listing {
  id: string;
  title?: string;
  description?: string;
  tags?: string[];
}
interface Match {
  term: string;
  group: string;
  kind: string;
  field: string;
  start: number;
  end: number;
}
interface Result {
  id: string | number;
  flagged: boolean;
  score: number;
  matches: Match[];
}

const EXAMPLE = `Hand-carved white bangle, old stock, DM for price
Vintage wooden jewellery box with brass hinges
Tiger claw pendant, genuine, ships worldwide`;

/** Listings from the pasted text: JSONL lines are objects; other lines become titles. */
export function parseListings(text: string): { listings: Listing[]; problem?: string } {
  const listings: Listing[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('{')) {
      try {
        const o = JSON.parse(line) as Listing;
        listings.push({ ...o, id: String(o.id ?? `line-${i + 1}`) });
      } catch (e) {
        return {
          listings,
          problem: `Line ${i + 1} starts with "{" but is not valid JSON: ${(e as Error).message}`,
        };
      }
    } else listings.push({ id: `line-${i + 1}`, title: line });
  }
  return { listings };
}

/** The field's text with the matched spans marked (offsets are UTF-16 code units, as JavaScript strings use). */
function highlight(text: string, matches: Match[]): ReactNode[] {
  const spans = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of spans) {
    if (m.start < at) continue; // overlapping match: the longer one is already marked
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <mark key={`${m.start}-${m.end}`} className="match" title={`${m.term} (${m.group}, ${m.kind})`}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function ResultRow({ listing, result }: { listing: Listing; result: Result }) {
  const fields: Array<[string, string]> = [
    ['title', listing.title ?? ''],
    ['description', listing.description ?? ''],
    ...(listing.tags ?? []).map((t, i) => [`tags[${i}]`, t] as [string, string]),
  ];
  return (
    <Table.Tr data-flagged={result.flagged}>
      <Table.Td miw={120}>
        {result.flagged ? (
          <Badge color="red">flagged</Badge>
        ) : (
          <Text size="sm" fw={600}>
            not flagged
          </Text>
        )}
        <Text size="xs" c="dimmed">
          score {result.score.toFixed(2)}
        </Text>
      </Table.Td>
      <Table.Td>
        {fields
          .filter(([, v]) => v)
          .map(([f, v]) => (
            <Text size="sm" key={f}>
              {fields.length > 1 && (
                <Text span size="xs" c="dimmed">
                  {f}:{' '}
                </Text>
              )}
              {highlight(
                v,
                result.matches.filter((m) => m.field === f),
              )}
            </Text>
          ))}
      </Table.Td>
      <Table.Td>
        {result.matches.length === 0
          ? '—'
          : [...new Set(result.matches.map((m) => `${m.term} (${m.group})`))].map((t) => (
              <Badge key={t} size="xs" variant="outline" mr={4}>
                {t}
              </Badge>
            ))}
      </Table.Td>
    </Table.Tr>
  );
}

export default function ScreenPage() {
  const [text, setText] = useState(EXAMPLE);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [out, setOut] = useState<{ listings: Listing[]; results: Result[]; libraryVersion: number }>();
  const screen = async () => {
    setError(undefined);
    const { listings, problem } = parseListings(text);
    if (problem) return setError(new Error(problem));
    if (listings.length === 0)
      return setError(new Error('Paste at least one listing: one per line, or JSONL objects.'));
    setBusy(true);
    try {
      const res = await api<{ libraryVersion: number; results: Result[] }>('/api/v1/screen', {
        method: 'POST',
        body: { listings },
      });
      setOut({ listings, ...res });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Screening" lead="Paste listings and see which terms of the keyword library they match.">
      <Card withBorder component="section">
        <Stack>
          <Textarea
            label="Listings"
            description='One listing title per line, or one JSON object per line: {"id": "...", "title": "...", "description": "...", "tags": []}'
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={5}
            maxRows={16}
          />
          <Group>
            <Button onClick={screen} loading={busy}>
              Screen
            </Button>
          </Group>
          {error && <ErrorNotice error={error} title="Not screened" />}
        </Stack>
      </Card>
      {out && (
        <Card withBorder component="section" aria-labelledby="results-title">
          <Title order={3} size="h4" id="results-title" mb="xs">
            Results (library v{out.libraryVersion}): {out.results.filter((r) => r.flagged).length} of{' '}
            {out.results.length} flagged
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="screen-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Listing</Table.Th>
                  <Table.Th>Terms matched</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {out.results.map((r, i) => (
                  <ResultRow key={String(r.id)} listing={out.listings[i]!} result={r} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Page>
  );
}
