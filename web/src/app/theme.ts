import type { ThemeConfig } from 'antd';

/** A civil-service console: deep navy frame, a clear blue for actions, the seal's red for alerts. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorError: '#c8161d',
    colorLink: '#1d4ed8',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f2f4f8',
  },
  components: {
    Layout: { siderBg: '#0b2447', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', bodyBg: '#f2f4f8' },
    Menu: { darkItemBg: '#0b2447', darkSubMenuItemBg: '#0b2447', darkItemSelectedBg: '#1d4ed8' },
    Table: { headerBg: '#f5f7fb' },
    Card: { headerFontSize: 15 },
  },
};
