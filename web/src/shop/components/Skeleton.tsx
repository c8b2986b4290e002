import { useEffect, useRef, type CSSProperties } from 'react';

/**
 * A grey placeholder of a given size that shimmers while data loads: sized like what replaces it,
 * so nothing moves when it arrives (layout shift). Plain CSS (.shop-skel in shop.css), not
 * antd-mobile's Skeleton, so the first page needs no component library code.
 */
export function Skel({
  width = '100%',
  height = '1em',
  radius,
  className,
  style,
}: {
  width?: CSSProperties['width'];
  height?: CSSProperties['height'];
  radius?: number;
  className?: string;
  style?: CSSProperties;
}) {
  return <span className={`shop-skel${className ? ` ${className}` : ''}`} aria-hidden="true" style={{ width, height, borderRadius: radius, ...style }} />;
}

/** Lines of text to come: each as tall as a line of the text it stands for. */
export function SkelLines({ lines, lineHeight, last = '60%' }: { lines: number; lineHeight: string; last?: string }) {
  return (
    <span className="shop-skel-lines" aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="shop-skel-line" style={{ height: lineHeight }}>
          <span className="shop-skel" style={{ width: i === lines - 1 && lines > 1 ? last : '100%', height: '62%' }} />
        </span>
      ))}
    </span>
  );
}

/**
 * "Load more when the end of the list comes into view": one IntersectionObserver on a sentinel
 * below the list (antd-mobile's InfiniteScroll does the same with a scroll listener and more code).
 */
export function LoadMore({
  hasMore,
  loading,
  failed,
  onMore,
  labels,
}: {
  hasMore: boolean;
  loading: boolean;
  failed: boolean;
  onMore: () => void;
  labels: { loading: string; end: string; retry: string };
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || failed || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more.current(), { rootMargin: '400px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, loading, failed]);
  return (
    <div ref={sentinel} className="shop-load-more" aria-live="polite">
      {failed ? (
        <button type="button" className="shop-link-button" onClick={onMore}>
          {labels.retry}
        </button>
      ) : hasMore ? (
        <span className="shop-muted">{labels.loading}</span>
      ) : (
        <span className="shop-muted">{labels.end}</span>
      )}
    </div>
  );
}
