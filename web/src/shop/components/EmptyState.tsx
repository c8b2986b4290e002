import type { ReactNode } from 'react';

/**
 * An empty or failed state on a public page: a small drawing, a title, what to do next. Drawn
 * here rather than with antd-mobile's ErrorBlock, whose built-in pictures weigh ~8 KB compressed
 * and would ride along with every page's first load.
 */
export function EmptyState({
  kind,
  title,
  description,
  children,
  className,
  testId,
}: {
  kind: 'empty' | 'offline';
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={`shop-state ${className ?? ''}`} data-testid={testId} role={kind === 'offline' ? 'alert' : undefined}>
      <svg className="shop-state-art" width="96" height="72" viewBox="0 0 96 72" aria-hidden="true" focusable="false">
        <ellipse cx="48" cy="64" rx="36" ry="5" fill="#ececec" />
        {kind === 'empty' ? (
          <>
            <path d="M22 26 L48 14 L74 26 L74 54 L48 62 L22 54 Z" fill="#fbe3e1" stroke="#e7a7a2" strokeWidth="2" strokeLinejoin="round" />
            <path d="M22 26 L48 38 L74 26 M48 38 L48 62" fill="none" stroke="#e7a7a2" strokeWidth="2" strokeLinejoin="round" />
          </>
        ) : (
          <>
            <path
              d="M20 34 a40 40 0 0 1 56 0 M29 43 a27 27 0 0 1 38 0 M38 52 a14 14 0 0 1 20 0"
              fill="none"
              stroke="#e7a7a2"
              strokeWidth="4"
              strokeLinecap="round"
            />
            <path d="M26 16 L70 60" stroke="#d9251c" strokeWidth="4" strokeLinecap="round" />
          </>
        )}
      </svg>
      <div className="shop-state-title">{title}</div>
      {description && <div className="shop-state-description">{description}</div>}
      {children}
    </div>
  );
}
