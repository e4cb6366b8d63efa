import { render } from 'solid-js/web';
import App from '@/entrypoints/report/App';
import '@/components/ui/base.css';
import '@/entrypoints/report/report.css';

render(() => <App />, document.getElementById('root')!);
