/**
 * Makes the demo listings' photos (functions/demo/photos/*.jpg), drawn for the project: SVG scenes
 * of the produce — lit with gradients, shaded, textured with turbulence — then grain and a soft
 * vignette so they read as photographs, encoded as small JPEGs. Deterministic (a seeded random), so
 * running it again gives the same files. Run: `npx tsx functions/demo/photos/generate.ts`.
 * The demo loads them through the same path as an upload (functions/demo/load.ts).
 */
import sharp from 'sharp';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 900;
const here = path.dirname(fileURLToPath(import.meta.url));

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const svg = (body: string, defs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}"><defs>${defs}
  <radialGradient id="vignette" cx="50%" cy="48%" r="75%"><stop offset="60%" stop-color="#000" stop-opacity="0"/><stop offset="100%" stop-color="#000" stop-opacity="0.45"/></radialGradient>
  <filter id="soft"><feGaussianBlur stdDeviation="2.2"/></filter>
  <filter id="blur8"><feGaussianBlur stdDeviation="8"/></filter>
  <filter id="blur18"><feGaussianBlur stdDeviation="18"/></filter>
  </defs>${body}<rect width="${SIZE}" height="${SIZE}" fill="url(#vignette)"/></svg>`;

// ——— 1. 花牛苹果: red apples in a wooden crate on a table, window light from the left ———
function apples(): string {
  const r = rng(11);
  const defs = `
  <linearGradient id="wall" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e9dcc6"/><stop offset="1" stop-color="#b9a487"/></linearGradient>
  <linearGradient id="table" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8a5a35"/><stop offset="1" stop-color="#4a2c17"/></linearGradient>
  <filter id="grain" x="0" y="0" width="100%" height="100%"><feTurbulence type="fractalNoise" baseFrequency="0.004 0.09" numOctaves="3" seed="4"/><feColorMatrix type="matrix" values="0 0 0 0 0.35  0 0 0 0 0.2  0 0 0 0 0.1  0 0 0 0.55 0"/><feComposite in2="SourceGraphic" operator="in"/></filter>
  <radialGradient id="apple" cx="35%" cy="32%" r="75%"><stop offset="0" stop-color="#ff8a6a"/><stop offset="0.18" stop-color="#e0322a"/><stop offset="0.6" stop-color="#a3121a"/><stop offset="1" stop-color="#4d0509"/></radialGradient>
  <radialGradient id="apple2" cx="38%" cy="30%" r="78%"><stop offset="0" stop-color="#ffb27a"/><stop offset="0.25" stop-color="#d9402c"/><stop offset="0.55" stop-color="#b01c1e"/><stop offset="1" stop-color="#55070b"/></radialGradient>
  <radialGradient id="spec" cx="50%" cy="50%" r="50%"><stop offset="0" stop-color="#fff" stop-opacity="0.85"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>
  <radialGradient id="shadow" cx="50%" cy="50%" r="50%"><stop offset="0" stop-color="#1b0c04" stop-opacity="0.75"/><stop offset="1" stop-color="#1b0c04" stop-opacity="0"/></radialGradient>
  <linearGradient id="leaf" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#7fb24a"/><stop offset="1" stop-color="#2f5e1e"/></linearGradient>
  <linearGradient id="crate" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#c89a63"/><stop offset="1" stop-color="#8b6136"/></linearGradient>`;
  let body = `<rect width="900" height="900" fill="url(#wall)"/>
  <rect x="-40" y="-40" width="420" height="560" fill="#fff6e4" opacity="0.35" filter="url(#blur18)"/>
  <rect y="520" width="900" height="380" fill="url(#table)"/><rect y="520" width="900" height="380" fill="#000" filter="url(#grain)"/>
  <rect y="516" width="900" height="10" fill="#2e1a0c" opacity="0.5" filter="url(#soft)"/>
  <g transform="translate(70 300)"><rect width="760" height="330" rx="8" fill="url(#crate)"/>
  <rect y="0" width="760" height="330" fill="#000" filter="url(#grain)" opacity="0.6"/>
  <rect y="100" width="760" height="8" fill="#5c3d1e" opacity="0.6"/><rect y="210" width="760" height="8" fill="#5c3d1e" opacity="0.6"/>
  <rect x="300" y="40" width="160" height="60" rx="6" fill="#f3e6cc" opacity="0.9"/><text x="380" y="82" font-size="34" text-anchor="middle" fill="#8a1d14" font-family="serif" font-weight="bold">花牛</text></g>`;
  const spots = [
    [170, 300, 118, 'apple'],
    [380, 270, 126, 'apple2'],
    [600, 290, 120, 'apple'],
    [760, 330, 100, 'apple2'],
    [270, 430, 130, 'apple2'],
    [510, 440, 138, 'apple'],
    [720, 470, 118, 'apple'],
    [120, 470, 105, 'apple2'],
  ] as const;
  for (const [x, y, rad, g] of spots) {
    const rx = rad * (1 + (r() - 0.5) * 0.08);
    body += `<ellipse cx="${x + 12}" cy="${y + rad * 0.85}" rx="${rad * 0.95}" ry="${rad * 0.28}" fill="url(#shadow)"/>`;
    body += `<path d="M ${x} ${y - rad * 0.78} C ${x + rad * 0.55} ${y - rad * 1.08}, ${x + rx * 1.08} ${y - rad * 0.45}, ${x + rx} ${y + rad * 0.1} C ${x + rx * 0.95} ${y + rad * 0.75}, ${x + rad * 0.4} ${y + rad * 0.98}, ${x} ${y + rad * 0.9} C ${x - rad * 0.4} ${y + rad * 0.98}, ${x - rx * 0.95} ${y + rad * 0.75}, ${x - rx} ${y + rad * 0.1} C ${x - rx * 1.08} ${y - rad * 0.45}, ${x - rad * 0.55} ${y - rad * 1.08}, ${x} ${y - rad * 0.78} Z" fill="url(#${g})"/>`;
    // streaks and lenticels
    for (let i = 0; i < 7; i++) {
      const a = -0.9 + i * 0.3;
      body += `<path d="M ${x + Math.sin(a) * rad * 0.2} ${y - rad * 0.6} Q ${x + Math.sin(a) * rad * 0.9} ${y}, ${x + Math.sin(a) * rad * 0.5} ${y + rad * 0.8}" stroke="#ffd0a0" stroke-opacity="${0.08 + r() * 0.1}" stroke-width="${3 + r() * 5}" fill="none" filter="url(#soft)"/>`;
    }
    for (let i = 0; i < 26; i++) {
      const a = r() * Math.PI * 2;
      const d = Math.sqrt(r()) * rad * 0.8;
      body += `<circle cx="${x + Math.cos(a) * d}" cy="${y + Math.sin(a) * d * 0.95}" r="${1 + r() * 1.4}" fill="#ffe1b0" opacity="${0.35 + r() * 0.3}"/>`;
    }
    body += `<ellipse cx="${x - rad * 0.38}" cy="${y - rad * 0.32}" rx="${rad * 0.22}" ry="${rad * 0.14}" fill="url(#spec)" transform="rotate(-30 ${x - rad * 0.38} ${y - rad * 0.32})"/>`;
    body += `<path d="M ${x} ${y - rad * 0.72} q ${-4 + r() * 8} ${-rad * 0.28} ${8 + r() * 10} ${-rad * 0.38}" stroke="#4a2e14" stroke-width="7" fill="none" stroke-linecap="round"/>`;
    body += `<ellipse cx="${x} " cy="${y - rad * 0.74}" rx="${rad * 0.16}" ry="${rad * 0.05}" fill="#3b0406" opacity="0.55" filter="url(#soft)"/>`;
  }
  body += `<g transform="translate(430 205) rotate(-25)"><path d="M0 0 C 40 -40, 110 -30, 140 0 C 110 30, 40 40, 0 0 Z" fill="url(#leaf)"/><path d="M0 0 L 138 0" stroke="#c9e29a" stroke-width="2" opacity="0.7"/></g>`;
  body += `<g transform="translate(640 235) rotate(20)"><path d="M0 0 C 35 -35, 95 -26, 120 0 C 95 26, 35 35, 0 0 Z" fill="url(#leaf)"/><path d="M0 0 L 118 0" stroke="#c9e29a" stroke-width="2" opacity="0.7"/></g>`;
  return svg(body, defs);
}

// ——— 2. 土蜂蜜: a jar of amber honey, a dipper, a piece of comb, on linen in warm light ———
function honey(): string {
  const r = rng(23);
  const defs = `
  <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f4dfb2"/><stop offset="0.55" stop-color="#d9b57a"/><stop offset="1" stop-color="#a8804a"/></linearGradient>
  <filter id="linen" x="0" y="0" width="100%" height="100%"><feTurbulence type="turbulence" baseFrequency="0.9 0.02" numOctaves="2" seed="7"/><feColorMatrix type="matrix" values="0 0 0 0 0.45  0 0 0 0 0.35  0 0 0 0 0.2  0 0 0 0.35 0"/><feComposite in2="SourceGraphic" operator="in"/></filter>
  <linearGradient id="honey" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#7a3c04"/><stop offset="0.22" stop-color="#d98a12"/><stop offset="0.45" stop-color="#f7b93a"/><stop offset="0.7" stop-color="#d7850f"/><stop offset="1" stop-color="#6b3203"/></linearGradient>
  <linearGradient id="glass" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff" stop-opacity="0.55"/><stop offset="0.12" stop-color="#fff" stop-opacity="0.08"/><stop offset="0.85" stop-color="#fff" stop-opacity="0.05"/><stop offset="0.95" stop-color="#fff" stop-opacity="0.4"/><stop offset="1" stop-color="#fff" stop-opacity="0.1"/></linearGradient>
  <linearGradient id="cloth" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c9463d"/><stop offset="1" stop-color="#7e1f1b"/></linearGradient>
  <linearGradient id="wood" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#8c5a2b"/><stop offset="0.5" stop-color="#c38a4c"/><stop offset="1" stop-color="#6e4420"/></linearGradient>
  <radialGradient id="glow" cx="50%" cy="50%" r="50%"><stop offset="0" stop-color="#ffcf5a" stop-opacity="0.55"/><stop offset="1" stop-color="#ffcf5a" stop-opacity="0"/></radialGradient>
  <radialGradient id="shadow" cx="50%" cy="50%" r="50%"><stop offset="0" stop-color="#3a2208" stop-opacity="0.7"/><stop offset="1" stop-color="#3a2208" stop-opacity="0"/></radialGradient>
  <linearGradient id="comb" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f5c453"/><stop offset="1" stop-color="#b46d0c"/></linearGradient>`;
  let body = `<rect width="900" height="900" fill="url(#bg)"/>`;
  for (let i = 0; i < 9; i++)
    body += `<circle cx="${r() * 900}" cy="${r() * 380}" r="${30 + r() * 60}" fill="#fff3d0" opacity="${0.15 + r() * 0.2}" filter="url(#blur18)"/>`;
  body += `<rect y="560" width="900" height="340" fill="#e8d3aa"/><rect y="560" width="900" height="340" fill="#000" filter="url(#linen)"/>
  <ellipse cx="420" cy="760" rx="260" ry="50" fill="url(#shadow)"/>
  <ellipse cx="430" cy="560" rx="300" ry="260" fill="url(#glow)"/>
  <g transform="translate(250 250)">
    <path d="M 20 90 Q 0 110, 0 160 L 0 470 Q 0 510, 40 515 L 300 515 Q 340 510, 340 470 L 340 160 Q 340 110, 320 90 Z" fill="url(#honey)"/>
    <path d="M 20 90 Q 0 110, 0 160 L 0 470 Q 0 510, 40 515 L 300 515 Q 340 510, 340 470 L 340 160 Q 340 110, 320 90 Z" fill="url(#glass)"/>
    <ellipse cx="170" cy="150" rx="165" ry="20" fill="#f9c75a" opacity="0.8"/>
    <rect x="40" y="170" width="22" height="300" rx="11" fill="#fff" opacity="0.35" filter="url(#soft)"/>
    <rect x="290" y="190" width="10" height="260" rx="5" fill="#fff" opacity="0.25" filter="url(#soft)"/>
    <rect x="75" y="250" width="190" height="130" rx="10" fill="#fbf3df" opacity="0.92"/>
    <text x="170" y="305" font-size="44" text-anchor="middle" fill="#7a3c04" font-family="serif" font-weight="bold">土蜂蜜</text>
    <text x="170" y="350" font-size="22" text-anchor="middle" fill="#9a6a2a" font-family="sans-serif">梅江村 · 百花</text>
    <path d="M -10 95 Q 170 40, 350 95 L 360 40 Q 170 -25, -20 40 Z" fill="url(#cloth)"/>
    <path d="M -14 84 Q 170 30, 354 84" stroke="#e8c98a" stroke-width="8" fill="none"/>
    <path d="M 330 60 Q 365 90, 352 135 M 340 62 Q 385 80, 380 120" stroke="#e8c98a" stroke-width="5" fill="none"/>
    <ellipse cx="170" cy="40" rx="185" ry="35" fill="#d9564b" opacity="0.6" filter="url(#soft)"/>
  </g>
  <g transform="translate(560 660) rotate(-18)">
    <rect x="0" y="-9" width="300" height="18" rx="9" fill="url(#wood)"/>
    <g transform="translate(-10 0)">${[0, 1, 2, 3, 4].map((i) => `<ellipse cx="${-i * 16}" cy="0" rx="14" ry="${38 - i * 3}" fill="#b8803f" stroke="#6e4420" stroke-width="2"/>`).join('')}</g>
    <path d="M -70 30 Q -60 80, -58 110" stroke="#e99a1a" stroke-width="10" fill="none" stroke-linecap="round" opacity="0.9"/>
  </g>
  <g transform="translate(90 650)">`;
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 5; col++) {
      const cx = col * 34 + (row % 2) * 17;
      const cy = row * 30;
      body += `<polygon points="${[0, 1, 2, 3, 4, 5].map((k) => `${cx + 17 * Math.cos((Math.PI / 3) * k + Math.PI / 6)},${cy + 17 * Math.sin((Math.PI / 3) * k + Math.PI / 6)}`).join(' ')}" fill="url(#comb)" stroke="#f9dc8a" stroke-width="3"/>`;
      body += `<circle cx="${cx - 4}" cy="${cy - 5}" r="3" fill="#fff" opacity="0.6"/>`;
    }
  }
  body += `</g>`;
  return svg(body, defs);
}

// ——— 3. 认养核桃树: a walnut tree on a terraced slope, late-afternoon light, green walnuts close up ———
function walnutTree(): string {
  const r = rng(37);
  const defs = `
  <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fb3e0"/><stop offset="0.6" stop-color="#cfe3ef"/><stop offset="1" stop-color="#f1e6c8"/></linearGradient>
  <linearGradient id="hill1" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fae8a"/><stop offset="1" stop-color="#6f8f6c"/></linearGradient>
  <linearGradient id="hill2" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6e9a4c"/><stop offset="1" stop-color="#3f6a2a"/></linearGradient>
  <linearGradient id="field" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9fbf53"/><stop offset="1" stop-color="#4f7a26"/></linearGradient>
  <linearGradient id="trunk" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#3d2a1b"/><stop offset="0.4" stop-color="#7a6048"/><stop offset="1" stop-color="#2b1d12"/></linearGradient>
  <radialGradient id="nut" cx="35%" cy="30%" r="75%"><stop offset="0" stop-color="#d6ec8c"/><stop offset="0.5" stop-color="#86b340"/><stop offset="1" stop-color="#35601a"/></radialGradient>
  <filter id="grass" x="0" y="0" width="100%" height="100%"><feTurbulence type="fractalNoise" baseFrequency="0.05 0.5" numOctaves="3" seed="3"/><feColorMatrix type="matrix" values="0 0 0 0 0.2  0 0 0 0 0.3  0 0 0 0 0.05  0 0 0 0.5 0"/><feComposite in2="SourceGraphic" operator="in"/></filter>`;
  let body = `<rect width="900" height="900" fill="url(#sky)"/>
  <circle cx="760" cy="150" r="90" fill="#fff4cf" opacity="0.7" filter="url(#blur18)"/>
  <path d="M0 430 Q 160 330 330 400 T 650 370 T 900 400 L 900 900 L 0 900 Z" fill="url(#hill1)" opacity="0.85" filter="url(#soft)"/>
  <path d="M0 520 Q 220 430 460 500 T 900 480 L 900 900 L 0 900 Z" fill="url(#hill2)"/>
  <path d="M0 620 Q 300 560 900 610 L 900 900 L 0 900 Z" fill="url(#field)"/>
  <path d="M0 620 Q 300 560 900 610 L 900 900 L 0 900 Z" fill="#000" filter="url(#grass)"/>
  ${[0, 1, 2].map((i) => `<path d="M0 ${680 + i * 70} Q 450 ${640 + i * 70} 900 ${690 + i * 70}" stroke="#3c5e1c" stroke-width="6" fill="none" opacity="0.35"/>`).join('')}
  <ellipse cx="430" cy="700" rx="260" ry="40" fill="#213d10" opacity="0.45" filter="url(#blur8)"/>
  <path d="M 400 700 C 410 600, 395 520, 420 430 L 452 430 C 470 520, 460 610, 470 700 Z" fill="url(#trunk)"/>
  <path d="M 425 470 C 380 420, 330 380, 280 360 M 445 455 C 500 400, 560 380, 610 350 M 435 440 C 430 380, 440 330, 450 290" stroke="#4a3422" stroke-width="18" fill="none" stroke-linecap="round"/>`;
  const greens = ['#2f5a1c', '#3d7224', '#4f8a2c', '#67a23a', '#87b84c', '#a3c95f'];
  for (let i = 0; i < 420; i++) {
    const a = r() * Math.PI * 2;
    const d = Math.sqrt(r());
    const x = 440 + Math.cos(a) * d * 300;
    const y = 300 + Math.sin(a) * d * 200;
    const light = Math.max(0, Math.min(5, Math.floor((x - 140) / 120 + (400 - y) / 160 + r() * 1.5)));
    body += `<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="${(10 + r() * 16).toFixed(1)}" ry="${(6 + r() * 8).toFixed(1)}" fill="${greens[light]}" transform="rotate(${(r() * 180).toFixed(0)} ${x.toFixed(1)} ${y.toFixed(1)})" opacity="0.92"/>`;
  }
  for (let i = 0; i < 22; i++) {
    const x = 220 + r() * 440;
    const y = 200 + r() * 220;
    body += `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(8 + r() * 4).toFixed(1)}" fill="url(#nut)"/>`;
  }
  // a close branch in front, out of focus at the edge
  body += `<g filter="url(#soft)"><path d="M 900 80 C 800 120, 720 150, 640 230" stroke="#3b2a1a" stroke-width="14" fill="none"/>`;
  for (const [x, y, s] of [
    [700, 190, 44],
    [760, 150, 40],
    [660, 250, 38],
  ] as const) {
    body += `<circle cx="${x}" cy="${y}" r="${s}" fill="url(#nut)"/><circle cx="${x - s * 0.35}" cy="${y - s * 0.35}" r="${s * 0.2}" fill="#fff" opacity="0.35"/>`;
  }
  for (let i = 0; i < 6; i++)
    body += `<ellipse cx="${640 + i * 45}" cy="${110 + (i % 2) * 60}" rx="60" ry="20" fill="${greens[2 + (i % 3)]}" transform="rotate(${-30 + i * 14} ${640 + i * 45} ${110 + (i % 2) * 60})"/>`;
  body += `</g>
  <g transform="translate(455 560)"><rect x="0" y="0" width="120" height="64" rx="6" fill="#f6efd8" stroke="#b9902f" stroke-width="3"/><text x="60" y="28" font-size="20" text-anchor="middle" fill="#7a4a12" font-family="serif" font-weight="bold">认养</text><text x="60" y="52" font-size="16" text-anchor="middle" fill="#7a4a12" font-family="sans-serif">No.027</text></g>`;
  return svg(body, defs);
}

// ——— 4. 安化黑茶 天尖: dark rolled leaves in a bamboo tray, a cup of red-brown tea, on dark wood ———
function darkTea(): string {
  const r = rng(53);
  const defs = `
  <linearGradient id="wood" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#4a3020"/><stop offset="1" stop-color="#1f130b"/></linearGradient>
  <filter id="grain" x="0" y="0" width="100%" height="100%"><feTurbulence type="fractalNoise" baseFrequency="0.006 0.12" numOctaves="3" seed="9"/><feColorMatrix type="matrix" values="0 0 0 0 0.55  0 0 0 0 0.35  0 0 0 0 0.2  0 0 0 0.35 0"/><feComposite in2="SourceGraphic" operator="in"/></filter>
  <radialGradient id="tray" cx="50%" cy="45%" r="55%"><stop offset="0" stop-color="#d8b878"/><stop offset="0.85" stop-color="#a98248"/><stop offset="1" stop-color="#6e5024"/></radialGradient>
  <filter id="weave" x="0" y="0" width="100%" height="100%"><feTurbulence type="turbulence" baseFrequency="0.06 0.6" numOctaves="1" seed="2"/><feColorMatrix type="matrix" values="0 0 0 0 0.35  0 0 0 0 0.25  0 0 0 0 0.1  0 0 0 0.45 0"/><feComposite in2="SourceGraphic" operator="in"/></filter>
  <radialGradient id="liquor" cx="45%" cy="40%" r="60%"><stop offset="0" stop-color="#c0531f"/><stop offset="0.6" stop-color="#7a2a0c"/><stop offset="1" stop-color="#3d1204"/></radialGradient>
  <linearGradient id="cup" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#cfcabd"/><stop offset="0.35" stop-color="#fbf9f2"/><stop offset="1" stop-color="#9d978a"/></linearGradient>
  <radialGradient id="shadow" cx="50%" cy="50%" r="50%"><stop offset="0" stop-color="#000" stop-opacity="0.7"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
  <radialGradient id="light" cx="30%" cy="20%" r="60%"><stop offset="0" stop-color="#ffe7b8" stop-opacity="0.35"/><stop offset="1" stop-color="#ffe7b8" stop-opacity="0"/></radialGradient>`;
  let body = `<rect width="900" height="900" fill="url(#wood)"/><rect width="900" height="900" fill="#000" filter="url(#grain)"/>
  <ellipse cx="400" cy="520" rx="380" ry="330" fill="url(#shadow)"/>
  <circle cx="390" cy="470" r="340" fill="url(#tray)"/><circle cx="390" cy="470" r="340" fill="#000" filter="url(#weave)"/>
  <circle cx="390" cy="470" r="340" fill="none" stroke="#5e4220" stroke-width="18"/>
  <circle cx="390" cy="470" r="318" fill="none" stroke="#c9a460" stroke-width="5" opacity="0.6"/>
  <ellipse cx="385" cy="475" rx="285" ry="275" fill="#2a1b0e" opacity="0.8" filter="url(#blur8)"/>`;
  const leafColors = ['#1d140c', '#2a1d10', '#3a2814', '#4b3519', '#5a4420', '#6b5226'];
  for (let i = 0; i < 1400; i++) {
    const a = r() * Math.PI * 2;
    const d = Math.sqrt(r());
    const x = 388 + Math.cos(a) * d * 280;
    const y = 472 + Math.sin(a) * d * 272;
    const len = 26 + r() * 30;
    const ang = r() * 180;
    const c = leafColors[Math.floor(r() * leafColors.length)];
    body += `<path d="M ${(-len / 2).toFixed(1)} 0 Q 0 ${(-6 - r() * 6).toFixed(1)} ${(len / 2).toFixed(1)} 0 Q 0 ${(5 + r() * 5).toFixed(1)} ${(-len / 2).toFixed(1)} 0 Z" fill="${c}" transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${ang.toFixed(0)})"/>`;
    if (r() < 0.25)
      body += `<path d="M ${(-len / 3).toFixed(1)} -1 Q 0 -4 ${(len / 3).toFixed(1)} -1" stroke="#9c7a45" stroke-width="1.2" fill="none" opacity="0.6" transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${ang.toFixed(0)})"/>`;
  }
  body += `<ellipse cx="715" cy="770" rx="150" ry="45" fill="url(#shadow)"/>
  <g transform="translate(715 700)">
    <path d="M -130 -40 Q -125 70, -60 90 L 60 90 Q 125 70, 130 -40 Z" fill="url(#cup)"/>
    <ellipse cx="0" cy="-40" rx="130" ry="36" fill="#ece8dc"/>
    <ellipse cx="0" cy="-36" rx="116" ry="29" fill="url(#liquor)"/>
    <ellipse cx="-40" cy="-44" rx="40" ry="8" fill="#ffd6a8" opacity="0.35" filter="url(#soft)"/>
    <path d="M -120 -20 Q -110 50, -60 75" stroke="#fff" stroke-width="6" opacity="0.5" fill="none" filter="url(#soft)"/>
  </g>
  <g opacity="0.25" filter="url(#blur8)"><path d="M 690 620 C 660 560, 740 520, 700 450 S 720 360, 690 320" stroke="#fff" stroke-width="10" fill="none"/></g>
  <rect width="900" height="900" fill="url(#light)"/>`;
  return svg(body, defs);
}

/** Film-like grain: a gray noise layer, soft-lit over the scene. */
function grain(seed: number, amount: number): Buffer {
  const r = rng(seed);
  const buf = Buffer.alloc(SIZE * SIZE * 4);
  for (let i = 0; i < SIZE * SIZE; i++) {
    const v = Math.max(0, Math.min(255, 128 + (r() + r() + r() - 1.5) * 120));
    buf[i * 4] = buf[i * 4 + 1] = buf[i * 4 + 2] = v;
    buf[i * 4 + 3] = amount;
  }
  return buf;
}

export const DEMO_PHOTOS = { apples, honey, 'walnut-tree': walnutTree, 'dark-tea': darkTea } as const;

async function main() {
  let total = 0;
  for (const [i, [name, draw]] of Object.entries(DEMO_PHOTOS).entries()) {
    const scene = await sharp(Buffer.from(draw())).png().toBuffer();
    const out = await sharp(scene)
      .composite([{ input: grain(100 + i, 60), raw: { width: SIZE, height: SIZE, channels: 4 }, blend: 'soft-light' }])
      .modulate({ saturation: 1.05 })
      .jpeg({ quality: name === 'dark-tea' ? 55 : 70, mozjpeg: true, chromaSubsampling: '4:2:0' })
      .toBuffer();
    writeFileSync(path.join(here, `${name}.jpg`), out);
    total += out.length;
    console.log(`${name}.jpg ${out.length} B`);
  }
  console.log(`total ${total} B`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
