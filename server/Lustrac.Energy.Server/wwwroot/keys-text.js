// Words of the allocation-key page, French by default and English on the button. The numbers are the server's.
'use strict';

const KEYS_TEXT = {
  fr: {
    title: 'Clés de répartition : qui reçoit quelle part des panneaux partagés ?', from: 'Du', to: 'au', show: 'Afficher',
    csv: 'Télécharger (CSV)', print: 'Imprimer', explain: 'Comment est-ce calculé ?', granularity: 'Pas de compensation', back: "Retour à l'écran",
    loading: 'Chargement…', refused: 'Le serveur refuse : ', failed: 'Échec : ',
    keys: { static: 'Clé statique', default_dynamic: 'Clé dynamique par défaut', equal_share: 'Parts égales' },
    under: { static: 'avec la clé statique', default_dynamic: 'avec la clé dynamique', equal_share: 'avec les parts égales' },
    siteKey: '(clé du site)', household: 'Foyer', consumption: 'Consommation (kWh)', allocated: 'Part reçue (kWh)',
    share: 'Part de la production partagée', ss: 'Autoproduction', neighbourhood: 'Quartier (parts : somme des foyers)', csvRow: 'CSV',
    chart: "Taux d'autoproduction de chaque foyer selon la clé", noStatic: "Le fichier du site ne donne pas de parts fixes : pas de clé statique à comparer.",
    period: (f, t, p) => `Du ${f} au ${t} · production des panneaux partagés : ${p} kWh`,
    what: m => `Toutes les ${m} minutes, la production des panneaux partagés est répartie entre les foyers selon une clé, et la part d'un foyer ` +
      'ne dépasse jamais ce qu’il consomme pendant ces minutes. Clé statique : un pourcentage fixe par foyer, inscrit dans le fichier du site ; ' +
      'ce qu’un foyer n’utilise pas de sa part est injecté sur le réseau. Clé dynamique par défaut : au prorata de ce que chacun consomme à ce moment-là. ' +
      'Parts égales : la production est partagée à égalité entre les foyers qui consomment, et ce que l’un n’utilise pas est redistribué aux autres.',
    received: list => `Sur cette période, les foyers ont reçu ensemble ${list} : les clés ne changent ni ce qui est produit ni ce qui est consommé, seulement la part de chacun.`,
    receivedItem: (kwh, under) => `${kwh} kWh ${under}`,
    same: p => `Le taux d'autoproduction du quartier est le même sous chaque clé (${p}) : il compte toute l'énergie solaire consommée sur place, quelle que soit sa répartition entre les foyers.`,
    unallocated: (kwh, under) => `${under[0].toUpperCase() + under.slice(1)}, ${kwh} kWh de la production partagée n'ont été attribués à aucun foyer (des parts fixes plus grandes que ce que leur foyer consommait à ce moment-là) : ` +
      "l'opération d'autoconsommation collective les compte comme surplus vendu au réseau, même si des voisins les ont consommés ; c'est pourquoi les parts reçues des foyers n'atteignent pas le taux du quartier.",
    widest: (h, lo, loUnder, hi, hiUnder) => `L'écart le plus grand est pour ${h} : ${lo} d'autoproduction ${loUnder}, ${hi} ${hiUnder}.`,
    and: 'et',
  },
  en: {
    title: 'Allocation keys: who gets which share of the shared arrays?', from: 'From', to: 'to', show: 'Show',
    csv: 'Download (CSV)', print: 'Print', explain: 'How is this computed?', granularity: 'Netting step', back: 'Back to the screen',
    loading: 'Loading…', refused: 'The server refuses: ', failed: 'Failed: ',
    keys: { static: 'Static key', default_dynamic: 'Default dynamic key', equal_share: 'Equal shares' },
    under: { static: 'under the static key', default_dynamic: 'under the dynamic key', equal_share: 'with equal shares' },
    siteKey: "(the site's key)", household: 'Household', consumption: 'Consumption (kWh)', allocated: 'Share received (kWh)',
    share: 'Share of the shared production', ss: 'Self-sufficiency', neighbourhood: 'Neighbourhood (shares: sum of the homes)', csvRow: 'CSV',
    chart: "Each household's self-sufficiency by key", noStatic: 'The site file gives no fixed shares: there is no static key to compare.',
    period: (f, t, p) => `From ${f} to ${t} · shared arrays' production: ${p} kWh`,
    what: m => `Every ${m} minutes the shared arrays' production is divided between the households by a key, and a household's share ` +
      'never exceeds what it consumes in those minutes. Static key: a fixed percentage per household, written in the site file; ' +
      'what a household does not use of its share goes to the grid. Default dynamic key: in proportion to what each one consumes at that moment. ' +
      'Equal shares: the production is split equally between the households that consume, and what one does not use is passed on to the others.',
    received: list => `Over this period the households received together ${list}: the keys change neither what is produced nor what is consumed, only each one's share.`,
    receivedItem: (kwh, under) => `${kwh} kWh ${under}`,
    same: p => `The neighbourhood's self-sufficiency is the same under every key (${p}): it counts all the solar energy used on site, however it is divided between the homes.`,
    unallocated: (kwh, under) => `${under[0].toUpperCase() + under.slice(1)}, ${kwh} kWh of the shared production went to no home (fixed shares larger than what their home was using at that moment): ` +
      "the collective self-consumption operation counts it as surplus sold to the grid, even if neighbours used it; that is why the homes' shares fall short of the neighbourhood's figure.",
    widest: (h, lo, loUnder, hi, hiUnder) => `The widest gap is for ${h}: ${lo} self-sufficiency ${loUnder}, ${hi} ${hiUnder}.`,
    and: 'and',
  },
};
