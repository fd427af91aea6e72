/**
 * Sign-in: with a passkey; once with a personal access token (to register a passkey); and — only
 * on a hub started with HUB_DEMO=true — a one-click choice of the demo accounts.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Container,
  Divider,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { usePageTitle } from '../App.tsx';
import { ApiProblem, api } from '../api.ts';
import { ErrorNotice } from '../components/Status.tsx';
import { type Session, useSession } from '../session.tsx';

interface DemoAccount {
  email: string;
  name: string;
  orgSlug: string;
  orgName?: string;
  orgKind: string;
  role: string;
}

/** Words for a WebAuthn failure in the browser. */
function passkeyError(e: unknown): Error {
  if (e instanceof ApiProblem) return e;
  const name = (e as Error)?.name;
  if (name === 'NotAllowedError')
    return new Error(
      'The passkey request was cancelled or timed out. Try again, and confirm on your device.',
    );
  if (name === 'SecurityError')
    return new Error(
      'This browser refused passkeys for this address. Open the hub at its HUB_URL (for example http://localhost:8787, not an IP address).',
    );
  return new Error(`The passkey could not be used: ${(e as Error)?.message ?? String(e)}`);
}

export function SignIn() {
  usePageTitle('Sign in');
  const { session, signedIn } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState<string>();
  const [demo, setDemo] = useState<DemoAccount[]>();
  // Where to go once signed in (set before the session arrives, read by the redirect below).
  const dest = useRef(from);
  const form = useForm({
    initialValues: { token: '' },
    validate: {
      token: (v) =>
        v.trim().startsWith('ewto_pat_') ? null : 'A personal access token starts with ewto_pat_',
    },
  });

  const invite = useForm({
    initialValues: { code: '', name: '' },
    validate: {
      code: (v) => (v.trim().startsWith('ewto_inv_') ? null : 'An invitation code starts with ewto_inv_'),
    },
  });

  useEffect(() => {
    api<{ items: DemoAccount[] }>('/api/v1/auth/demo', { quiet401: true })
      .then((d) => setDemo(d.items))
      .catch(() => setDemo(undefined));
  }, []);

  if (session) return <Navigate to={dest.current} replace />;

  async function run(label: string, fn: () => Promise<Session>, then: string) {
    setBusy(label);
    setError(undefined);
    try {
      const s = await fn();
      dest.current = then;
      signedIn(s);
    } catch (e) {
      setError(label === 'passkey' ? passkeyError(e) : (e as Error));
    } finally {
      setBusy(undefined);
    }
  }

  const withPasskey = () =>
    run(
      'passkey',
      async () => {
        const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
          '/api/v1/auth/passkeys/authentication/options',
          { method: 'POST', quiet401: true },
        );
        const response = await startAuthentication({ optionsJSON });
        return api<Session>('/api/v1/auth/passkeys/authentication', {
          method: 'POST',
          body: { response },
          quiet401: true,
        });
      },
      from,
    );

  return (
    <Container size="sm" py="xl" component="main" id="main">
      <Stack gap="lg">
        <div>
          <Title order={1}>EWTO Hub</Title>
          <Text c="dimmed">Coalition to End Wildlife Trafficking Online</Text>
        </div>
        {error && <ErrorNotice error={error} title="Sign-in failed" />}
        <Card withBorder padding="lg" component="section" aria-labelledby="passkey-title">
          <Stack>
            <Title order={2} size="h3" id="passkey-title">
              Sign in with a passkey
            </Title>
            <Text size="sm">Use the passkey you registered on this device or your security key.</Text>
            {!browserSupportsWebAuthn() && (
              <Alert color="yellow">
                This browser does not support passkeys. Sign in with a personal access token below.
              </Alert>
            )}
            <Group>
              <Button
                onClick={withPasskey}
                loading={busy === 'passkey'}
                disabled={!browserSupportsWebAuthn()}
              >
                Sign in with a passkey
              </Button>
            </Group>
          </Stack>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="token-title">
          <form
            onSubmit={form.onSubmit((v) =>
              run(
                'token',
                () =>
                  api<Session>('/api/v1/auth/session', {
                    method: 'POST',
                    body: { token: v.token.trim() },
                    quiet401: true,
                  }),
                '/account?welcome=1',
              ),
            )}
          >
            <Stack>
              <Title order={2} size="h3" id="token-title">
                First time here?
              </Title>
              <Text size="sm">
                Sign in once with a personal access token (from your invitation or your organisation's
                administrator), then register a passkey for next time.
              </Text>
              <PasswordInput
                label="Personal access token"
                placeholder="ewto_pat_…"
                autoComplete="off"
                {...form.getInputProps('token')}
              />
              <Group>
                <Button type="submit" variant="light" loading={busy === 'token'}>
                  Sign in with the token
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="invite-title">
          <form
            onSubmit={invite.onSubmit((v) =>
              run(
                'invitation',
                async () => {
                  // The code is the credential: it becomes a personal access token scoped to the
                  // organisation, which opens this session; then register a passkey.
                  const { token } = await api<{ token: string }>('/api/v1/invitations/redeem', {
                    method: 'POST',
                    body: { code: v.code.trim(), ...(v.name.trim() ? { name: v.name.trim() } : {}) },
                    quiet401: true,
                  });
                  return api<Session>('/api/v1/auth/session', {
                    method: 'POST',
                    body: { token },
                    quiet401: true,
                  });
                },
                '/account?welcome=1',
              ),
            )}
          >
            <Stack>
              <Title order={2} size="h3" id="invite-title">
                Invited?
              </Title>
              <Text size="sm">
                Enter the invitation code you were given. You then register a passkey for next time.
              </Text>
              <Group align="flex-end">
                <TextInput
                  label="Invitation code"
                  placeholder="ewto_inv_…"
                  autoComplete="off"
                  {...invite.getInputProps('code')}
                />
                <TextInput label="Your name" autoComplete="name" {...invite.getInputProps('name')} />
                <Button type="submit" variant="light" loading={busy === 'invitation'}>
                  Accept the invitation
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
        {demo && demo.length > 0 && (
          <Card withBorder padding="lg" component="section" aria-labelledby="demo-title" bg="orange.0">
            <Stack>
              <Group>
                <Title order={2} size="h3" id="demo-title">
                  Demo accounts
                </Title>
                <Badge color="orange" variant="filled">
                  Demo mode
                </Badge>
              </Group>
              <Text size="sm">
                This hub runs with <code>HUB_DEMO=true</code>: illustrative organisations and people, signed
                in with one click and no credential. A hub without demo mode has no such sign-in.
              </Text>
              <Divider />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {demo.map((a) => (
                  <Button
                    key={a.email}
                    variant="default"
                    h="auto"
                    py={6}
                    loading={busy === a.email}
                    onClick={() =>
                      run(
                        a.email,
                        () =>
                          api<Session>('/api/v1/auth/demo', {
                            method: 'POST',
                            body: { email: a.email },
                            quiet401: true,
                          }),
                        from,
                      )
                    }
                    aria-label={`Demo sign-in as ${a.name}, ${a.role} of ${a.orgSlug}`}
                  >
                    <Stack gap={0} align="flex-start">
                      <Text size="sm" fw={600}>
                        {a.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.role} · {a.orgSlug} ({a.orgKind})
                      </Text>
                    </Stack>
                  </Button>
                ))}
              </SimpleGrid>
            </Stack>
          </Card>
        )}
        <Text size="xs" c="dimmed">
          Scripts and agencies use the <Anchor href="/api/v1/openapi.json">REST API</Anchor> with bearer
          tokens instead.
        </Text>
      </Stack>
    </Container>
  );
}
