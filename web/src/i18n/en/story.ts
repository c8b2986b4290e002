/** Stories (典型经验): the public story page and the stories sections of the village, transparency and donation pages. */
export const story = {
  story: {
    title: 'Stories',
    sectionTitle: 'Stories of good practice',
    yourVillages: 'See the villages you helped',
    yourVillagesHint: 'What the bureau wrote about these villages',
    notFound: 'This story does not exist or was taken down',
    publishedOn: 'Published {{date}}',
    villages: 'Villages',
    organizations: 'Helping organizations',
    photoAlt: 'Photo {{n}} of {{title}}',
  },
};
