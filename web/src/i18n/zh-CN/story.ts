/** Stories (典型经验): the public story page and the stories sections of the village, transparency and donation pages. */
export const story = {
  story: {
    title: '典型经验',
    sectionTitle: '典型经验',
    yourVillages: '看看你帮助的村',
    yourVillagesHint: '局里写下的这些村的帮扶经验',
    notFound: '这篇典型经验不存在或已撤回',
    publishedOn: '发布于 {{date}}',
    villages: '相关村',
    organizations: '帮扶单位',
    photoAlt: '{{title}} 的照片 {{n}}',
  },
};
