import type { ApiError } from '../../http/errors';
import type { Page } from '../page';
import { Layout } from './layout';

/** Sign-in refusals the page words itself (`Auth.signIn`'s codes); others show the API's message. */
const signInRefusals = ['bad_credentials', 'too_many_attempts', 'staff_without_store'] as const;
type SignInRefusal = (typeof signInRefusals)[number];

/** The sign-in page: a notice once a password was set, or why the last attempt was refused. */
export interface SignInModel {
  passwordSet: boolean;
  refusal?: { code: SignInRefusal; minutes: number } | { message: string };
}

export function signInModel(passwordSet: boolean, refused?: ApiError): SignInModel {
  if (!refused) return { passwordSet };
  const code = signInRefusals.find((refusal) => refusal === refused.code);
  const minutes = Math.ceil((refused.retryAfterSeconds ?? 0) / 60);
  return { passwordSet, refusal: code ? { code, minutes } : { message: refused.message } };
}

export const SignInPage: Page<SignInModel> = ({ ui, model }) => {
  const { t } = ui;
  const { refusal } = model;
  return (
    <Layout ui={ui} title={t('login.title')}>
      <div class="card narrow">
        <h1>{t('login.title')}</h1>
        {model.passwordSet && (
          <p class="notice" role="status">
            {t('login.passwordSet')}
          </p>
        )}
        {refusal && (
          <p class="error" role="alert">
            {'code' in refusal
              ? t(`login.${refusal.code}`).replace('{minutes}', String(refusal.minutes))
              : refusal.message}
          </p>
        )}
        <form method="post" action="/ui/login">
          <p>
            <label>
              {t('login.username')}
              <br />
              <input type="text" name="username" autocomplete="username" required />
            </label>
          </p>
          <p>
            <label>
              {t('login.password')}
              <br />
              <input type="password" name="password" autocomplete="current-password" required />
            </label>
          </p>
          <button class="primary" type="submit">
            {t('login.submit')}
          </button>
        </form>
      </div>
    </Layout>
  );
};
