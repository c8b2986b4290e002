/** Order numbers and "find my order". */
export const orderLookup = {
  orderLookup: {
    link: '查订单',
    title: '查询订单',
    intro: '请输入下单时填写的手机号和订单号，即可打开订单详情。订单号形如 ABC-20261207-0001，见付款后的订单页和通知邮件。',
    phone: '手机号',
    phonePlaceholder: '下单时填写的 11 位手机号',
    phoneInvalid: '请填写 11 位中国大陆手机号',
    orderNo: '订单号',
    orderNoPlaceholder: '如 ABC-20261207-0001',
    orderNoInvalid: '订单号格式不正确（如 ABC-20261207-0001）',
    submit: '查询订单',
    searching: '正在查询…',
    notFound: '未找到相符的订单，请核对手机号和订单号',
    tooMany: '查询次数过多，请一小时后再试',
    failed: '查询失败，请稍后重试',
    systemId: '系统编号',
    search: '按订单号查找',
    searchPlaceholder: '订单号，如 ABC-20261207-0001',
  },
};
