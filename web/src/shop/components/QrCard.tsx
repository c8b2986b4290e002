import { PrinterOutlined } from './icons';

/**
 * A public page's QR code (the server draws it: a listing's or a village's), for a market stall, a
 * box or a notice board; its box is sized before the image loads, and it opens on its own to print.
 */
export function QrCard({ src, alt, title, hint, open, testId }: { src: string; alt: string; title: string; hint: string; open: string; testId: string }) {
  return (
    <section className="shop-card-block shop-qr" data-testid={testId}>
      <img src={src} alt={alt} width={132} height={132} loading="lazy" />
      <div className="shop-qr-text">
        <div className="shop-block-title">{title}</div>
        <p className="shop-muted">{hint}</p>
        <a href={src} target="_blank" rel="noreferrer" className="shop-qr-print">
          <PrinterOutlined /> {open}
        </a>
      </div>
    </section>
  );
}
