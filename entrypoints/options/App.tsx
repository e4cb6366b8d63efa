import { browser } from '#imports';
import { createResource, Show } from 'solid-js';
import { IdentitySettingsForm } from '@/components/settings/IdentitySettingsForm';
import { ProfileSettingsForm } from '@/components/settings/ProfileSettingsForm';
import { TimingHistorySettings } from '@/components/settings/TimingHistorySettings';
import { TrackingSettingsForm } from '@/components/settings/TrackingSettingsForm';
import { loadSettings } from '@/utils/settings-store';
import { SyncSettingsForm } from '@/components/settings/SyncSettingsForm';
import { SiteAccessSettings } from '@/components/settings/SiteAccessSettings';
import { getDatabase } from '@/utils/db/database';
import { loadSyncConfig } from '@/utils/sync/store/sync-config-store';

export default function App() {
  const [settings] = createResource(async () => ({
    ...(await loadSettings()),
    sync: await loadSyncConfig(getDatabase()),
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
            <TimingHistorySettings
              db={getDatabase()}
              forgetAfterDays={current().tracking.forgetTimingAfterDays}
            />
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
