import type { RouteObject } from 'react-router';
import { AgreementPage } from './components/AgreementPage';

export const agreementRoutes: RouteObject[] = [{ index: true, element: <AgreementPage /> }];
