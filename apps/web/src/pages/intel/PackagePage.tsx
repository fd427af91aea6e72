/** One package: verification status, decryption in the browser with a local key file, the content, a signed receipt, STIX. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  FileButton,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { calculateJwkThumbprint, importJWK, type JWK, SignJWT } from 'jose';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, download, enc, request } from '../../api.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading } from '../../components/Status.tsx';
import { useSignedIn } from '../../session.tsx';
import { type Opened, openPackage } from './open-package.ts';

async function readJwk(f: File): Promise<JWK> {
  try {
    const k = JSON.parse(await f.text()) as JWK;
    if (!k.d) throw new Error('it holds no private key ("d")');
    return k;
  } catch (e) {
    throw new Error(`${f.name} is not a private JWK file: ${(e as Error).message}`);
  }
}

function Body({ claims }: { claims: Record<string, unknown> }) {
  const body = claims.body as {
    title?: string;
    summary?: string;
    terms?: Array<{ text: string; kind: string; groups: string[] }>;
    actors?: Array<{ id: string; kind: string; handle?: string; platform?: string }>;
  };
  return (
    <Card withBorder component="section" aria-labelledby="content-title" data-testid="package-content">
      <Stack gap="xs">
        <Title order={3} size="h4" id="content-title">
          {body.title}
        </Title>
        <Text size="sm">{body.summary}</Text>
        <Group gap="xs">
          <Badge variant="light">TLP:{String(claims.tlp)}</Badge>
          <Badge variant="light">{String(claims.handling)}</Badge>
          <Badge variant="light">
            grades {(claims.grades as { source?: string })?.source}
            {(claims.grades as { information?: number })?.information}
          </Badge>
        </Group>
        {body.terms && (
          <Table>
            <Table.Tbody>
              {body.terms.map((t) => (
                <Table.Tr key={t.text}>
                  <Table.Td>{t.text}</Table.Td>
                  <Table.Td>{t.kind}</Table.Td>
                  <Table.Td>{t.groups.join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {body.actors && (
          <List size="sm">
            {body.actors.map((a) => (
              <List.Item key={a.id}>
                {a.kind} {a.handle ?? ''} {a.platform ? `(${a.platform})` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

export default function PackagePage() {
  const { id = '' } = useParams();
  const session = useSignedIn();
  const [compact, setCompact] = useState<string>();
  const [error, setError] = useState<Error>();
  const [opened, setOpened] = useState<Opened>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const hubUrl = window.location.origin;
  const audiences = session.memberships.filter((m) => m.orgKind === 'agency').map((m) => m.orgId);

  useEffect(() => {
    request(`/api/v1/intel/packages/${enc(id)}`, { headers: { accept: 'application/jose' } })
      .then((r) => r.text())
      .then(setCompact)
      .catch(setError);
  }, [id]);
  // A bare JWS needs no key: verify it at once (once per package).
  // biome-ignore lint/correctness/useExhaustiveDependencies: audiences and hubUrl do not change while the page is open
  useEffect(() => {
    if (compact && compact.split('.').length === 3)
      openPackage(compact, { audiences, hubUrl }).then(setOpened).catch(setError);
  }, [compact]);

  const encrypted = compact?.split('.').length === 5;
  const decrypt = async (f: File | null) => {
    if (!f || !compact) return;
    setBusy(true);
    setError(undefined);
    try {
      setOpened(await openPackage(compact, { privateJwk: await readJwk(f), audiences, hubUrl }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const receipt = async (f: File | null) => {
    if (!f || !compact) return;
    setError(undefined);
    try {
      const jwk = await readJwk(f);
      const kid =
        jwk.kid ?? (await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x } as JWK, 'sha256'));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(compact)));
      const b64 = btoa(String.fromCharCode(...digest))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, '');
      const jws = await new SignJWT({ digest: b64 })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'ewto-receipt+jwt', kid })
        .setIssuer(audiences[0] ?? '')
        .setAudience(hubUrl)
        .setSubject(id)
        .setIssuedAt()
        .setExpirationTime('10m')
        .setJti(crypto.randomUUID())
        .sign(await importJWK(jwk, 'EdDSA'));
      await api(`/api/v1/intel/packages/${enc(id)}/receipt`, { method: 'POST', body: { receipt: jws } });
      setNotice('Receipt sent: the publisher now knows your agency received this package.');
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Page title="Package" lead={`Package ${id}`}>
      {error && <ErrorNotice error={error} title="Problem with this package" />}
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      {!compact && !error && <Loading label="Fetching the package…" />}
      {compact && (
        <Card withBorder>
          <Stack gap="xs">
            <Text size="sm">
              {encrypted
                ? "Encrypted to your agency (JWE). Load your agency's encryption private key file to open it; the key stays in this page and is never sent."
                : 'Signed (JWS), not encrypted.'}
            </Text>
            <Group gap="xs">
              {encrypted && (
                <FileButton onChange={decrypt} accept=".json,.jwk,application/json">
                  {(props) => (
                    <Button {...props} loading={busy}>
                      Load key file and decrypt…
                    </Button>
                  )}
                </FileButton>
              )}
              <Button
                variant="default"
                onClick={() =>
                  download(`/api/v1/intel/packages/${enc(id)}/stix`, `package-${id}.stix.json`).catch(
                    setError,
                  )
                }
              >
                Download STIX 2.1
              </Button>
              <FileButton onChange={receipt} accept=".json,.jwk,application/json">
                {(props) => (
                  <Button variant="light" {...props}>
                    Send a signed receipt (signing key file)…
                  </Button>
                )}
              </FileButton>
            </Group>
            <Code block fz="xs" style={{ maxHeight: 80, overflow: 'auto', wordBreak: 'break-all' }}>
              {compact.slice(0, 400)}
              {compact.length > 400 ? '…' : ''}
            </Code>
          </Stack>
        </Card>
      )}
      {opened && (
        <Card withBorder component="section" aria-labelledby="verify-title">
          <Title order={3} size="h4" id="verify-title" mb="xs">
            Verification
          </Title>
          <List size="sm" spacing={4} data-testid="package-checks">
            {opened.checks.map((c) => (
              <List.Item key={c.name} data-ok={c.ok}>
                <Badge size="xs" color={c.ok ? 'green' : 'red'} mr={6}>
                  {c.ok ? 'ok' : 'failed'}
                </Badge>
                <b>{c.name}</b>: {c.detail}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {opened?.claims && <Body claims={opened.claims} />}
    </Page>
  );
}
