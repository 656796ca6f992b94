import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { signIn } from './session';

/** Sign-in page shown when the server requires accounts and no session is open. */
export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      onSignedIn();
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError(status === 401 ? t('auth.badCredentials') : status === 429 ? t('auth.locked', { message: (err as Error).message }) : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="login" onSubmit={submit} data-testid="login-form">
      <h2>{t('auth.signIn')}</h2>
      <label>{t('auth.email')}<input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required data-testid="login-email" /></label>
      <label>{t('auth.password')}<input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="login-password" /></label>
      {error && <p className="login-error" role="alert" data-testid="login-error">{error}</p>}
      <button type="submit" disabled={busy} data-testid="login-submit">{t('auth.signIn')}</button>
      <p className="login-hint">{t('auth.firstRun')}</p>
    </form>
  );
}
