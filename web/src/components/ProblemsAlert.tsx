import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** What the server or the schema refused that belongs to no single field, one line each. */
export function ProblemsAlert({ problems, title }: { problems: string[]; title?: string }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="form-alert"
      data-testid="form-problems"
      title={title ?? (problems.length === 1 ? problems[0] : t('errors.formProblems'))}
      description={
        title || problems.length > 1 ? (
          <ul className="problem-list">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
