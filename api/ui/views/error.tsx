import type { Page } from '../page';
import { Layout } from './layout';

/** The page of a refused or failed request: the reason, and the way back to the inbox. */
export interface ErrorModel {
  message: string;
}

export const ErrorPage: Page<ErrorModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('error.title')}>
      <h1>{t('error.title')}</h1>
      <p class="error" role="alert">
        {model.message}
      </p>
      <p>
        <a href="/ui/tasks">{t('error.back')}</a>
      </p>
    </Layout>
  );
};
