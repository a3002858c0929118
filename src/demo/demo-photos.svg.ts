/**
 * Flat illustrations of village life, drawn in SVG and rendered with sharp when the demo is seeded
 * (no download, no text in the pictures). 1200 × 800, calm colours.
 */

const W = 1200;
const H = 800;

const sky = (top: string, bottom: string) =>
  `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#s)"/>`;

const sun = (x: number, y: number, r = 60, c = '#ffd97a') => `<circle cx="${x}" cy="${y}" r="${r}" fill="${c}"/>`;

const cloud = (x: number, y: number, s = 1) =>
  `<g fill="#ffffff" opacity="0.85" transform="translate(${x} ${y}) scale(${s})"><ellipse cx="0" cy="0" rx="70" ry="28"/><ellipse cx="45" cy="-18" rx="50" ry="30"/><ellipse cx="-40" cy="-10" rx="40" ry="22"/></g>`;

const hills = (c1: string, c2: string) =>
  `<path d="M0 560 Q300 460 600 540 T1200 520 V800 H0Z" fill="${c1}"/><path d="M0 640 Q350 560 700 630 T1200 610 V800 H0Z" fill="${c2}"/>`;

const tree = (x: number, y: number, s = 1, c = '#3f7d4e') =>
  `<g transform="translate(${x} ${y}) scale(${s})"><rect x="-8" y="0" width="16" height="60" fill="#6b4a2f"/><circle cx="0" cy="-20" r="48" fill="${c}"/><circle cx="-28" cy="6" r="30" fill="${c}"/><circle cx="28" cy="6" r="30" fill="${c}"/></g>`;

const windows = (x0: number, y0: number, cols: number, rows: number, dx: number, dy: number, c = '#cfe3f2') => {
  let out = '';
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < cols; i++)
      out += `<rect x="${x0 + i * dx}" y="${y0 + r * dy}" width="44" height="62" rx="4" fill="${c}" stroke="#ffffff" stroke-width="4"/>`;
  return out;
};

/** The church and the village square on a spring morning. */
const eglise = () =>
  `${sky('#8ec5ea', '#e6f3fb')}${sun(980, 150)}${cloud(260, 160)}${cloud(760, 110, 0.8)}${hills('#9cc97f', '#7fb069')}
<rect x="470" y="300" width="260" height="330" fill="#e9dcc3"/><polygon points="450,305 600,200 750,305" fill="#8d5a44"/>
<rect x="560" y="120" width="80" height="190" fill="#e1d0b0"/><polygon points="550,125 600,30 650,125" fill="#6f4434"/>
<rect x="585" y="170" width="30" height="50" rx="15" fill="#4a3a30"/><rect x="565" y="500" width="70" height="130" rx="35" fill="#6b4a2f"/>
<circle cx="600" cy="380" r="38" fill="#c9d8e6" stroke="#fff" stroke-width="6"/>
<rect x="0" y="630" width="1200" height="170" fill="#cdbfa6"/>${tree(300, 560, 1.2)}${tree(900, 560, 1.1, '#4d8c5a')}`;

/** The town hall with its flag. */
const mairie = () =>
  `${sky('#a9d3f0', '#f1f8fd')}${cloud(200, 140)}${cloud(950, 180, 0.9)}
<rect x="0" y="620" width="1200" height="180" fill="#d8cdb8"/><rect x="300" y="280" width="600" height="340" fill="#f3e6cf"/>
<polygon points="280,285 600,170 920,285" fill="#7c8fa3"/><rect x="540" y="200" width="120" height="90" fill="#f3e6cf"/>
<circle cx="600" cy="245" r="30" fill="#fff" stroke="#6a7b8c" stroke-width="5"/><line x1="600" y1="245" x2="600" y2="225" stroke="#333" stroke-width="4"/>
${windows(350, 320, 5, 2, 110, 110)}<rect x="550" y="520" width="100" height="100" fill="#5b6f86"/>
<rect x="880" y="120" width="8" height="180" fill="#888"/><rect x="888" y="125" width="40" height="60" fill="#2b4fa0"/><rect x="928" y="125" width="40" height="60" fill="#fff"/><rect x="968" y="125" width="40" height="60" fill="#d23a3a"/>
${tree(170, 560, 1.1)}${tree(1040, 560, 1.2, '#4d8c5a')}`;

/** The village school and its playground. */
const ecole = () =>
  `${sky('#9bd0f5', '#eaf6ff')}${sun(180, 150, 70)}${cloud(800, 140)}
<rect x="0" y="600" width="1200" height="200" fill="#b8d99a"/><rect x="380" y="300" width="560" height="300" fill="#f6d7a7"/>
<polygon points="360,305 660,190 960,305" fill="#c0504d"/>${windows(420, 340, 5, 2, 105, 110, '#d8ecfa')}
<rect x="620" y="500" width="90" height="100" fill="#3e6d9c"/>
<rect x="120" y="460" width="12" height="150" fill="#c44"/><rect x="240" y="460" width="12" height="150" fill="#c44"/><rect x="112" y="450" width="150" height="14" fill="#c44"/>
<line x1="160" y1="464" x2="160" y2="560" stroke="#555" stroke-width="4"/><line x1="200" y1="464" x2="200" y2="560" stroke="#555" stroke-width="4"/><rect x="150" y="556" width="60" height="10" fill="#f2b134"/>
<circle cx="1050" cy="640" r="26" fill="#f2b134"/>${tree(1080, 540, 0.9)}`;

/** Road works with cones and a barrier, by the river. */
const voirie = () =>
  `${sky('#b5d6ee', '#f4f9fc')}${cloud(300, 130)}${cloud(900, 100, 0.7)}${hills('#a5cf8a', '#8fbf74')}
<path d="M0 700 Q600 640 1200 700 V800 H0Z" fill="#6fa8d6"/>
<polygon points="430,800 560,520 640,520 770,800" fill="#55595f"/><polygon points="592,800 596,520 604,520 608,800" fill="#f2f2f2"/>
<g fill="#f07f1f"><polygon points="480,760 500,690 520,760"/><polygon points="700,760 720,690 740,760"/><polygon points="560,640 574,590 588,640"/></g>
<g fill="#fff"><rect x="492" y="715" width="16" height="8"/><rect x="712" y="715" width="16" height="8"/></g>
<rect x="800" y="600" width="220" height="26" fill="#d63c3c"/><rect x="840" y="600" width="40" height="26" fill="#fff"/><rect x="920" y="600" width="40" height="26" fill="#fff"/>
<rect x="815" y="626" width="10" height="70" fill="#777"/><rect x="995" y="626" width="10" height="70" fill="#777"/>${tree(220, 560, 1)}`;

/** The war memorial with poppies and wreaths. */
const monument = () =>
  `${sky('#c9d6e3', '#f2f4f7')}${cloud(250, 150)}${cloud(950, 120, 1.1)}
<rect x="0" y="620" width="1200" height="180" fill="#9fbf86"/><rect x="420" y="580" width="360" height="50" fill="#bfb6a8"/>
<rect x="480" y="540" width="240" height="50" fill="#cfc7ba"/><polygon points="540,540 570,220 630,220 660,540" fill="#ddd6ca"/>
<polygon points="555,225 600,150 645,225" fill="#cfc7ba"/>
<circle cx="520" cy="600" r="46" fill="none" stroke="#3f7d4e" stroke-width="18"/><circle cx="680" cy="600" r="46" fill="none" stroke="#3f7d4e" stroke-width="18"/>
<g fill="#d1342f">${[0, 1, 2, 3, 4, 5, 6, 7]
    .map(
      (i) =>
        `<circle cx="${160 + i * 28}" cy="${680 + (i % 2) * 20}" r="12"/><circle cx="${860 + i * 28}" cy="${690 - (i % 2) * 20}" r="12"/>`,
    )
    .join('')}</g>
<rect x="250" y="300" width="8" height="330" fill="#888"/><rect x="258" y="305" width="45" height="66" fill="#2b4fa0"/><rect x="303" y="305" width="45" height="66" fill="#fff"/><rect x="348" y="305" width="45" height="66" fill="#d23a3a"/>`;

/** Shelves of the village library. */
const bibliotheque = () => {
  const colours = ['#c0504d', '#4f81bd', '#9bbb59', '#f2b134', '#8064a2', '#4bacc6', '#e46c0a'];
  let books = '';
  for (let shelf = 0; shelf < 4; shelf++) {
    let x = 130;
    for (let i = 0; x < 1050; i++) {
      const w = 28 + ((i * 7 + shelf * 3) % 20);
      const h = 120 - ((i * 13 + shelf * 5) % 30);
      books += `<rect x="${x}" y="${90 + shelf * 170 + (150 - h)}" width="${w}" height="${h}" fill="${colours[(i + shelf) % colours.length]}"/>`;
      x += w + 4;
    }
  }
  const planks = [0, 1, 2, 3]
    .map((s) => `<rect x="100" y="${240 + s * 170}" width="1000" height="18" fill="#8a5a3b"/>`)
    .join('');
  return `<rect width="${W}" height="${H}" fill="#f4ead8"/><rect x="100" y="60" width="1000" height="700" fill="#b07b52"/><rect x="120" y="70" width="960" height="680" fill="#f0e2c8"/>${books}${planks}`;
};

/** Fields and a hamlet, the fibre arriving along the road. */
const campagne = () =>
  `${sky('#7fb8e6', '#e3f1fb')}${sun(1020, 170, 55)}${cloud(320, 120)}
<path d="M0 500 Q400 430 800 480 T1200 470 V800 H0Z" fill="#b6d88f"/><path d="M0 560 L1200 520 V800 H0Z" fill="#e2c86f"/>
<path d="M0 660 Q600 600 1200 650 V800 H0Z" fill="#8fbf74"/>
${[0, 1, 2].map((i) => `<rect x="${640 + i * 120}" y="${430 - i * 8}" width="90" height="70" fill="#f1e4cc"/><polygon points="${630 + i * 120},${432 - i * 8} ${685 + i * 120},${390 - i * 8} ${740 + i * 120},${432 - i * 8}" fill="#a5523c"/>`).join('')}
${[0, 1, 2, 3].map((i) => `<rect x="${120 + i * 150}" y="${400 + i * 25}" width="10" height="170" fill="#7a5a3a"/>`).join('')}
<path d="M125 410 Q200 440 275 435 Q350 460 425 460 Q500 485 575 485" fill="none" stroke="#333" stroke-width="4"/>${tree(1080, 600, 0.9)}`;

/** The soup festival: stalls and a big pot on the square. */
const marche = () => {
  const stall = (x: number, a: string, b: string) =>
    `<rect x="${x}" y="420" width="240" height="170" fill="#e9d7b8"/>${[0, 1, 2, 3, 4, 5]
      .map((i) => `<rect x="${x - 10 + i * 43}" y="380" width="43" height="50" fill="${i % 2 ? a : b}"/>`)
      .join('')}<rect x="${x}" y="520" width="240" height="20" fill="#8a5a3b"/>`;
  return `${sky('#f6c98b', '#fdf0dc')}${sun(1000, 140, 70, '#ffe39a')}
<rect x="0" y="590" width="1200" height="210" fill="#cbbd9f"/>${stall(80, '#c0504d', '#fff')}${stall(430, '#4f81bd', '#fff')}${stall(800, '#3f7d4e', '#fff')}
<ellipse cx="600" cy="700" rx="120" ry="30" fill="#555"/><rect x="480" y="620" width="240" height="80" fill="#666"/><ellipse cx="600" cy="620" rx="120" ry="28" fill="#e6a33c"/>
${[0, 1, 2].map((i) => `<circle cx="${200 + i * 80}" cy="500" r="22" fill="#f2b134"/><circle cx="${560 + i * 60}" cy="500" r="20" fill="#9bbb59"/><circle cx="${900 + i * 70}" cy="500" r="24" fill="#e46c0a"/>`).join('')}`;
};

export interface DemoPhoto {
  /** The beginning of the demo actualité's title it illustrates. */
  titleStart: string;
  name: string;
  alt: string;
  svg: string;
}

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`;

/** The eight illustrations, each with the actualité it goes with and its text alternative. */
export function demoPhotos(): DemoPhoto[] {
  return [
    {
      titleStart: 'Travaux de voirie',
      name: 'travaux-voirie.jpg',
      alt: 'Plots orange et barrière de chantier sur la route qui longe la Lys',
      svg: svg(voirie()),
    },
    {
      titleStart: 'Repas des aînés',
      name: 'place-eglise.jpg',
      alt: 'L’église et la place du village un matin de printemps',
      svg: svg(eglise()),
    },
    {
      titleStart: 'Ce qu’a décidé',
      name: 'mairie.jpg',
      alt: 'La façade de la mairie et son drapeau tricolore',
      svg: svg(mairie()),
    },
    {
      titleStart: 'Inscriptions à l’école',
      name: 'ecole.jpg',
      alt: 'L’école du village et sa cour avec une balançoire',
      svg: svg(ecole()),
    },
    {
      titleStart: 'Cérémonie du 11',
      name: 'monument.jpg',
      alt: 'Le monument aux morts fleuri de gerbes et de coquelicots',
      svg: svg(monument()),
    },
    {
      titleStart: 'La bibliothèque',
      name: 'bibliotheque.jpg',
      alt: 'Des rayonnages de livres colorés à la bibliothèque municipale',
      svg: svg(bibliotheque()),
    },
    {
      titleStart: 'Fibre optique',
      name: 'hameau.jpg',
      alt: 'Un hameau au milieu des champs, la ligne longeant la route',
      svg: svg(campagne()),
    },
    {
      titleStart: 'Retour sur la fête',
      name: 'fete-soupe.jpg',
      alt: 'Les stands et la grande marmite de soupe sur la place',
      svg: svg(marche()),
    },
  ];
}
