/** Sharing: a village page's QR code, and why the donate button waits. */
export const share = {
  share: {
    villageQrTitle: '本村二维码',
    villageQrHint: '扫码直达本村公示页，可打印张贴在村务公开栏或活动现场',
    villageQrAlt: '{{name}}公示页的二维码',
    villageQrOpen: '打开二维码图片（打印用）',
    donateWhyVillage: '请先选择要捐赠的村',
    donateWhyNoVillage: '暂时没有可捐赠的村',
    donateWhyAmount: '请选择或填写捐赠金额',
    donateWhyName: '请修改捐赠人姓名',
  },
};
