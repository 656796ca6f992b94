/** App shell strings. */
export const app = {
  en: {
    'app.title': 'Outlet Planner',
    'app.tab.sites': 'Site scoring',
    'app.tab.coverage': 'Network coverage',
    'app.tab.floorplans': 'Floor plans',
    'app.language': 'Language',
    'app.loading': 'Loading…',
  },
  zh: {
    'app.title': '网点规划',
    'app.tab.sites': '选址评分',
    'app.tab.coverage': '网络覆盖',
    'app.tab.floorplans': '平面布局',
    'app.language': '语言',
    'app.loading': '加载中…',
  },
};
