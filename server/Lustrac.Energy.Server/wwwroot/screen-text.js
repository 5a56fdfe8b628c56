// The screen's words, French by default and English on the button; numbers and dates in the viewer's language.
'use strict';

const TEXT = {
  fr: {
    subtitleHome: 'Votre énergie et votre eau, en direct', subtitlePublic: 'Énergie et eau du quartier, en direct', connecting: 'Connexion au serveur…',
    neighbourhood: 'Quartier', consumption: 'Consommation', sharedSolar: 'Soleil partagé', ownSolar: 'Vos panneaux', grid: 'Réseau', production: 'Production solaire',
    sharedNote: 'votre part des panneaux partagés', ownNote: 'produit chez vous', homeCons: 'ce que consomme le foyer',
    arrays: 'panneaux partagés et des maisons', fromGrid: 'acheté au réseau', export: 'surplus injecté', noSplit: 'partage inconnu : un compteur se tait',
    neighbourhoodCons: 'consommation de {n} foyers', aggregateOnly: 'moins de 5 foyers : non affiché',
    good: 'Bon moment pour lancer vos appareils : le soleil couvre la consommation du quartier',
    wait: 'Le soleil ne couvre pas encore la consommation du quartier : attendez s’il éclaircit',
    goodHome: 'Bon moment pour lancer vos appareils : le soleil couvre la consommation de votre foyer',
    waitHome: 'Le soleil ne couvre pas encore la consommation de votre foyer : attendez s’il éclaircit',
    noSun: 'Les panneaux ne produisent presque rien en ce moment', noSunNight: 'Pas de soleil avant demain : le prochain bon moment sera demain en journée',
    unknown: 'Production inconnue pour le moment',
    stale: 'Données figées : pas de nouvelles du serveur depuis {t}. Reconnexion automatique…',
    badToken: "Jeton d'écran inconnu ou révoqué : demandez un nouveau lien au groupe énergie.",
    todayCurve: "Aujourd'hui, par {m} min", week: '7 derniers jours', today: "Autoproduction aujourd'hui",
    legendShared: 'soleil partagé', legendOwn: 'vos panneaux', legendHomesPv: 'panneaux des maisons', legendGrid: 'réseau', legendExport: 'surplus injecté', legendOpen: 'en cours (estimation)',
    target: 'objectif {p}', since: 'depuis {t}', estimate: 'estimation en direct', meters: 'compteurs', metersLive: 'compteurs + estimation en direct',
    month: 'Mois depuis le {d} : {p}', monthNone: 'Mois depuis le {d} : —', weekNote: 'part de la consommation couverte par le soleil, objectif {p}',
    water: 'Eau de pluie', homeWater: 'Votre eau', rain: 'pluie', mains: 'réseau', todayWord: "aujourd'hui", weekWord: '7 jours',
    daysLeft: 'jours', tankDetail: '{v} L sur {c} L', noTank: 'pas de mesure', updated: 'Mis à jour à {t}', daysUnknown: '— j',
    publicTitle: 'Lustrac — écran partagé', noCurve: 'pas encore d’intervalle clos aujourd’hui',
    tankLow: "Cuve {t} presque vide : {d} d'eau de pluie. Gardez-la pour les WC et le jardin.",
  },
  en: {
    subtitleHome: 'Your energy and water, live', subtitlePublic: 'Neighbourhood energy and water, live', connecting: 'Connecting to the server…',
    neighbourhood: 'Neighbourhood', consumption: 'Consumption', sharedSolar: 'Shared solar', ownSolar: 'Your panels', grid: 'Grid', production: 'Solar production',
    sharedNote: 'your share of the shared arrays', ownNote: 'produced at home', homeCons: 'what the household uses',
    arrays: 'shared arrays and homes', fromGrid: 'bought from the grid', export: 'surplus exported', noSplit: 'split unknown: a meter is silent',
    neighbourhoodCons: 'consumption of {n} households', aggregateOnly: 'fewer than 5 households: not shown',
    good: 'Good time to run appliances: the sun covers the neighbourhood’s consumption',
    wait: 'The sun does not cover the neighbourhood’s consumption yet: wait if it clears up',
    goodHome: 'Good time to run appliances: the sun covers your home’s consumption',
    waitHome: 'The sun does not cover your home’s consumption yet: wait if it clears up',
    noSun: 'The panels produce next to nothing right now', noSunNight: 'No sun before tomorrow: the next good time is tomorrow in daylight',
    unknown: 'Production not known yet',
    stale: 'Frozen values: no news from the server since {t}. Reconnecting automatically…',
    badToken: 'Unknown or revoked screen token: ask the energy group for a new link.',
    todayCurve: 'Today, by {m} min', week: 'Last 7 days', today: 'Self-sufficiency today',
    legendShared: 'shared solar', legendOwn: 'your panels', legendHomesPv: 'homes’ own panels', legendGrid: 'grid', legendExport: 'surplus exported', legendOpen: 'in progress (estimate)',
    target: 'target {p}', since: 'since {t}', estimate: 'live estimate', meters: 'from the meters', metersLive: 'meters + live estimate',
    month: 'Month since {d}: {p}', monthNone: 'Month since {d}: —', weekNote: 'share of consumption covered by the sun, target {p}',
    water: 'Rainwater', homeWater: 'Your water', rain: 'rain', mains: 'mains', todayWord: 'today', weekWord: '7 days',
    daysLeft: 'days', tankDetail: '{v} L of {c} L', noTank: 'no reading', updated: 'Updated at {t}', daysUnknown: '— d',
    publicTitle: 'Lustrac — shared screen', noCurve: 'no closed interval yet today',
    tankLow: 'Tank {t} running low: {d} of rainwater left. Keep it for toilets and the garden.',
  },
};

const L = {
  lang: localStorage.getItem('lustrac.lang') === 'en' ? 'en' : 'fr',
  zone: 'Europe/Paris', // the site's, from the first snapshot: times in the site's zone whatever the screen's clock
  clockOffset: 0, // the server's clock minus the screen's, from each snapshot: a kiosk without a real-time clock shows the right day
  now() { return new Date(Date.now() + L.clockOffset); },
  t(key, vars = {}) { return TEXT[L.lang][key].replace(/\{(\w+)\}/g, (_, k) => vars[k]); },
  locale() { return L.lang === 'fr' ? 'fr-FR' : 'en-GB'; },
  number(v, digits = 1) {
    return v == null ? '—' : v.toLocaleString(L.locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  },
  kw(w) { return L.number(w == null ? null : w / 1000, 1); },
  percent(r) { return r == null ? '—' : Math.round(r * 100).toLocaleString(L.locale()) + ' %'; },
  time(d, seconds = false) {
    return d.toLocaleTimeString(L.locale(), { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), timeZone: L.zone });
  },
  weekday(d) { return d.toLocaleDateString(L.locale(), { weekday: 'short', day: 'numeric', timeZone: L.zone }); },
  date(d) { return d.toLocaleDateString(L.locale(), { day: 'numeric', month: 'long', timeZone: L.zone }); },
  localHour(d) { return Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: L.zone }).format(d)); },
};
