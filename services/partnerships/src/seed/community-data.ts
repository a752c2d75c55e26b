import type { NewEmploymentOccupation, ServicePackageCategory } from '../generated/graphql';

/** Zibo's eight county-level divisions (GB/T 2260), their seats and some streets. */
export const COUNTIES: readonly { code: string; name: string; seat: readonly [number, number]; streets: readonly string[] }[] = [
  { code: '370303', name: '张店区', seat: [36.807, 118.048], streets: ['车站街道', '和平街道', '公园街道', '体育场街道', '杏园街道', '科苑街道', '马尚街道', '湖田街道'] },
  { code: '370302', name: '淄川区', seat: [36.643, 117.967], streets: ['般阳路街道', '钟楼街道', '松龄路街道', '将军路街道', '洪山镇', '昆仑镇'] },
  { code: '370304', name: '博山区', seat: [36.495, 117.862], streets: ['城东街道', '城西街道', '山头街道', '域城镇', '白塔镇'] },
  { code: '370305', name: '临淄区', seat: [36.826, 118.309], streets: ['闻韶街道', '雪宫街道', '辛店街道', '稷下街道', '齐都镇'] },
  { code: '370306', name: '周村区', seat: [36.803, 117.87], streets: ['丝绸路街道', '大街街道', '青年路街道', '永安街道', '城北路街道'] },
  { code: '370321', name: '桓台县', seat: [36.959, 118.098], streets: ['索镇街道', '少海街道', '起凤镇', '田庄镇'] },
  { code: '370322', name: '高青县', seat: [37.171, 117.826], streets: ['田镇街道', '芦湖街道', '青城镇', '高城镇'] },
  { code: '370323', name: '沂源县', seat: [36.205, 118.171], streets: ['历山街道', '南麻街道', '鲁村镇', '东里镇'] },
];

/** The demo's extent: generated points never leave it. */
export const DEMO_EXTENT = { minLat: 36.2, maxLat: 37.2, minLng: 117.6, maxLng: 118.6 } as const;

/** The service-package catalogue for new-employment groups (24 packages). */
export const PACKAGES: readonly { name: string; category: ServicePackageCategory; description: string }[] = [
  { name: '法律咨询', category: 'LEGAL', description: '律师志愿者每周定点坐诊，解答劳动合同、平台用工、交通事故等法律问题' },
  { name: '劳动权益维护', category: 'LEGAL', description: '欠薪、工伤、超时劳动等维权指引，协助对接劳动监察与法律援助' },
  { name: '交通事故法律援助', category: 'LEGAL', description: '骑手、快递员配送途中发生交通事故时的法律援助与理赔指引' },
  { name: '就业指导', category: 'EMPLOYMENT', description: '岗位推荐、求职简历与面试辅导，帮助新就业群体稳定就业' },
  { name: '社保参保指导', category: 'EMPLOYMENT', description: '灵活就业人员养老、医疗保险参保与职业伤害保障政策讲解' },
  { name: '创业贷款咨询', category: 'EMPLOYMENT', description: '创业担保贷款、个体工商户登记等政策咨询' },
  { name: '职业规划', category: 'EMPLOYMENT', description: '职业发展规划与转岗指导，帮助骑手、司机拓展职业路径' },
  { name: '职业技能培训', category: 'SKILLS', description: '电工、育婴员、健康管理师等职业技能免费培训与考证' },
  { name: '电动车维修培训', category: 'SKILLS', description: '电动车日常保养、电池安全与简易维修培训' },
  { name: '安全驾驶培训', category: 'SKILLS', description: '道路交通安全、雨雪天气骑行与夜间配送安全培训' },
  { name: '数字技能培训', category: 'SKILLS', description: '智能手机应用、网上办事与平台规则培训' },
  { name: '心理疏导', category: 'HEALTH', description: '心理咨询师志愿者一对一倾听与情绪疏导，缓解工作压力' },
  { name: '免费体检', category: 'HEALTH', description: '每年一次免费健康体检，血压、血糖、颈椎腰椎筛查' },
  { name: '急救培训', category: 'HEALTH', description: '心肺复苏、AED 使用与创伤止血包扎培训' },
  { name: '职业病防治咨询', category: 'HEALTH', description: '久坐久骑导致的颈肩腰腿疾病预防与康复指导' },
  { name: '爱心驿站歇脚', category: 'REST_STOP', description: '夏季纳凉、冬季取暖，随时进店歇脚' },
  { name: '充电', category: 'REST_STOP', description: '手机与电动车免费充电' },
  { name: '免费饮水', category: 'REST_STOP', description: '免费提供饮用热水、凉白开与防暑降温饮品' },
  { name: '热饭加热', category: 'REST_STOP', description: '微波炉免费加热饭菜，提供就餐座位' },
  { name: '应急药箱', category: 'REST_STOP', description: '常备创可贴、藿香正气水等应急药品，免费取用' },
  { name: '如厕便利', category: 'REST_STOP', description: '店内卫生间对新就业群体开放' },
  { name: '子女托管', category: 'FAMILY', description: '寒暑假“小候鸟”爱心托管与课业辅导' },
  { name: '家庭教育指导', category: 'FAMILY', description: '亲子沟通与家庭教育公益讲座' },
  { name: '婚恋交友', category: 'FAMILY', description: '新就业群体青年联谊与婚恋交友活动' },
];

/** Which categories each kind of place tends to offer. */
export const SHOP_CATEGORIES: readonly ServicePackageCategory[] = ['REST_STOP', 'REST_STOP', 'REST_STOP', 'HEALTH', 'LEGAL'];
export const STATION_CATEGORIES: readonly ServicePackageCategory[] = ['REST_STOP', 'EMPLOYMENT', 'SKILLS', 'LEGAL', 'FAMILY', 'HEALTH'];
/** A social organisation's service types (orgs area) → the package categories it offers. */
export const CATEGORIES_OF_SERVICE_TYPE: Record<string, ServicePackageCategory[]> = {
  MENTAL_HEALTH: ['HEALTH'],
  FIRST_AID_TRAINING: ['HEALTH', 'SKILLS'],
  LEGAL_CONSULTING: ['LEGAL'],
  EMPLOYMENT_GUIDANCE: ['EMPLOYMENT'],
  SAFETY_TRAINING: ['SKILLS'],
  OCCUPATIONAL_HEALTH: ['HEALTH'],
  FAMILY_EDUCATION: ['FAMILY'],
  CULTURAL_ACTIVITIES: ['FAMILY'],
};

/** 千店联盟 shops: kinds of shop, named after a surname or a place. */
export const SHOP_NAMES: readonly ((surname: string, street: string) => string)[] = [
  (s) => `${s}记便利店`,
  (_, st) => `银座便利店（${st.replace(/(街道|镇)$/, '')}店）`,
  (s) => `${s}家面馆`,
  (_, st) => `${st.replace(/(街道|镇)$/, '')}惠民超市`,
  (s) => `${s}师傅电动车维修`,
  (_, st) => `利群药店（${st.replace(/(街道|镇)$/, '')}店）`,
  (s) => `${s}氏烧烤`,
  (_, st) => `淄博烧烤·${st.replace(/(街道|镇)$/, '')}店`,
  (s) => `${s}姐快餐`,
  (_, st) => `中国石化${st.replace(/(街道|镇)$/, '')}加油站易捷便利店`,
];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '徐', '马', '朱', '胡'];
export const ROADS = ['人民路', '共青团路', '华光路', '柳泉路', '金晶大道', '中心路', '北京路', '新华街', '建设路', '青年路', '西五路', '南京路'];

export const OCCUPATIONS: readonly (readonly [NewEmploymentOccupation, number])[] = [
  ['DELIVERY_RIDER', 5],
  ['COURIER', 4],
  ['RIDE_HAILING_DRIVER', 2],
  ['TRUCK_DRIVER', 1],
];

/** What riders and couriers report on their rounds (随手拍). */
export const SNAPSHOTS = [
  '路口井盖缺失，夜间骑行危险',
  '小区门口共享单车乱停放，堵塞消防通道',
  '路灯不亮，已持续多日',
  '人行道占道经营，行人被迫走机动车道',
  '垃圾桶满溢未及时清运',
  '独居老人家中多日无人应门，请社区上门看看',
  '道路积水较深，建议设置警示',
  '楼道堆放杂物，存在火灾隐患',
  '路边树枝折断，悬在非机动车道上方',
  '公交站牌损坏',
];

/** People who give to community funds (demo names). */
export const GIVEN_NAMES = ['建国', '秀英', '志强', '丽娟', '海涛', '淑珍', '红梅', '国庆', '晓东', '玉兰'];
export const DONATION_REASONS = ['乐捐', '重阳节敬老捐赠', '“99公益日”配捐', '社区慈善日捐款', '企业社会责任捐赠', '党员一日捐'];
export const GRANT_REASONS = ['社区买单：助老送餐服务', '社区买单：困难家庭微心愿', '社区买单：义诊服务', '资助社区志愿服务项目', '政府买单：独居老人关爱服务', '资助儿童暑期托管项目'];
