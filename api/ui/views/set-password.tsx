import type { findPasswordLink, PasswordProblem } from '../../staff-access/password-links';
import type { Page } from '../page';
import { Layout } from './layout';

/** The page of a valid one-time set-password link: whose account, and why the last try was refused. */
export interface SetPasswordModel {
  username: string;
  displayName: string;
  /** The link's token, posted back with the form. */
  token: string;
  problems: readonly PasswordProblem[];
}

type LinkOwner = NonNullable<Awaited<ReturnType<typeof findPasswordLink>>>;

export function setPasswordModel(
  owner: LinkOwner,
  token: string,
  problems: readonly PasswordProblem[],
): SetPasswordModel {
  return { username: owner.username, displayName: owner.displayName, token, problems };
}

export const SetPasswordPage: Page<SetPasswordModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('setPassword.title')}>
      <div class="card narrow">
        <h1>{t('setPassword.title')}</h1>
        <p>
          {t('setPassword.for')}: <strong data-testid="username">{model.username}</strong> ({model.displayName})
        </p>
        {model.problems.length > 0 && (
          <p class="error" role="alert">
            {model.problems.map((problem) => t(`setPassword.${problem}`)).join('\n')}
          </p>
        )}
        <form method="post" action="/ui/set-password">
          <input type="hidden" name="token" value={model.token} />
          {/* For the browser's password manager: the account the new password belongs to. */}
          <input type="text" name="username" value={model.username} autocomplete="username" hidden />
          <p>
            <label>
              {t('setPassword.password')}
              <br />
              <input type="password" name="password" autocomplete="new-password" required />
            </label>
          </p>
          <p>
            <label>
              {t('setPassword.confirmation')}
              <br />
              <input type="password" name="confirmation" autocomplete="new-password" required />
            </label>
          </p>
          <p>{t('setPassword.policy')}</p>
          <button class="primary" type="submit">
            {t('setPassword.submit')}
          </button>
        </form>
      </div>
    </Layout>
  );
};
