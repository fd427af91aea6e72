/** Routes: everything but the sign-in page needs a session. */
import { Container } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { ErrorNotice, Loading } from './components/Status.tsx';
import { Account } from './pages/Account.tsx';
import { Home } from './pages/Home.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { useSession } from './session.tsx';

const PolicyPage = lazy(() => import('./pages/policies/PolicyPage.tsx'));
const ReportPage = lazy(() => import('./pages/policies/ReportPage.tsx'));
const ComparePage = lazy(() => import('./pages/policies/ComparePage.tsx'));
const LibraryPage = lazy(() => import('./pages/keywords/LibraryPage.tsx'));
const ScreenPage = lazy(() => import('./pages/keywords/ScreenPage.tsx'));
const MembersPage = lazy(() => import('./pages/admin/MembersPage.tsx'));
const KeysPage = lazy(() => import('./pages/admin/KeysPage.tsx'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage.tsx'));
const InboxPage = lazy(() => import('./pages/intel/InboxPage.tsx'));
const PackagePage = lazy(() => import('./pages/intel/PackagePage.tsx'));
const PublishPage = lazy(() => import('./pages/intel/PublishPage.tsx'));
const PlansPage = lazy(() => import('./pages/plans/PlansPage.tsx'));
const PlanEditor = lazy(() => import('./pages/plans/PlanEditor.tsx'));
const ProgressPage = lazy(() => import('./pages/plans/ProgressPage.tsx'));

/** Sets the document title (announced by screen readers on navigation). */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · EWTO Hub`;
  }, [title]);
}

function Guarded() {
  const { session, loading, error, refresh } = useSession();
  const location = useLocation();
  if (loading) return <Loading label="Checking your session…" />;
  if (error)
    return (
      <Container size="sm" py="xl">
        <ErrorNotice error={error} title="The hub could not be reached" onRetry={() => void refresh()} />
      </Container>
    );
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/policies" element={<PolicyPage />} />
          <Route path="/orgs/:org/policies/:id" element={<ReportPage />} />
          <Route path="/frameworks" element={<ComparePage />} />
          <Route path="/intel" element={<InboxPage />} />
          <Route path="/intel/publish" element={<PublishPage />} />
          <Route path="/intel/packages/:id" element={<PackagePage />} />
          <Route path="/plans" element={<PlansPage />} />
          <Route path="/plans/:id" element={<PlanEditor />} />
          <Route path="/progress" element={<ProgressPage />} />
          <Route path="/keywords" element={<LibraryPage />} />
          <Route path="/screen" element={<ScreenPage />} />
          <Route path="/admin/members" element={<MembersPage />} />
          <Route path="/admin/keys" element={<KeysPage />} />
          <Route path="/admin/audit" element={<AuditPage />} />
          <Route path="/account" element={<Account />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

function NotFound() {
  usePageTitle('Not found');
  return (
    <ErrorNotice
      title="No such page"
      error={new Error('This address is not a page of the hub. Use the navigation to find what you need.')}
    />
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route path="*" element={<Guarded />} />
    </Routes>
  );
}
