import { render } from 'solid-js/web';
import App from '@/entrypoints/log/App';
import '@/components/ui/base.css';

render(() => <App />, document.getElementById('root')!);
