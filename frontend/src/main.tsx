import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'dkfds-css';
import './app/app.css';
import './components/shared.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
