import { createResource, Show } from 'solid-js';
import { IdentitySettingsForm } from '@/components/IdentitySettingsForm';
import { ProfileSettingsForm } from '@/components/ProfileSettingsForm';
import { TrackingSettingsForm } from '@/components/TrackingSettingsForm';
import { loadSettings } from '@/utils/settings-store';
import { SyncSettingsForm } from '@/components/SyncSettingsForm';
import { SiteAccessSettings } from '@/components/SiteAccessSettings';
import { loadSyncConfig } from '@/utils/sync/sync-store';

export default function App() {
  const [settings] = createResource(async () => ({
    ...(await loadSettings()),
    sync: await loadSyncConfig(),
  }));
  return (
    <main class="page">
      <h1>Learnlog settings</h1>
      <Show when={settings()} fallback={<p class="muted">Loading your settings…</p>}>
        {(current) => (
          <>
            <SiteAccessSettings />
            <ProfileSettingsForm initial={current().profile} />
            <TrackingSettingsForm initial={current()} />
            <IdentitySettingsForm initial={current().identity} />
            <SyncSettingsForm initial={current().sync} />
          </>
        )}
      </Show>
      <p>
        <a href={browser.runtime.getURL('/log.html')}>Open your learning log</a>
      </p>
    </main>
  );
}
