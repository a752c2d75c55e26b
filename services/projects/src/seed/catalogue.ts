/**
 * Reference content for the demo data: the brands, projects and awards named in the city's 2024
 * report on "志愿淄博" (the Zibo municipal social work department), and per-theme wording for
 * projects, activities, service records and residents' requests.
 */
import type { ServiceTheme } from '../generated/graphql';

export interface BrandEntry {
  name: string;
  kind: 'REGIONAL' | 'PROJECT';
  description: string;
  /** Where a regional brand belongs; null when the report does not say. */
  regionCode: string | null;
}

/** The brand matrix of the report: regional brands, then project brands. */
export const BRANDS: readonly BrandEntry[] = [
  { name: '齐有爱', kind: 'REGIONAL', regionCode: '370305', description: '临淄区新时代文明实践志愿服务区域品牌' },
  { name: '沂源红', kind: 'REGIONAL', regionCode: '370323', description: '沂源县志愿服务区域品牌' },
  { name: '焦桐花开', kind: 'REGIONAL', regionCode: '370304', description: '博山区志愿服务区域品牌，传承焦裕禄精神' },
  { name: '红火炬', kind: 'REGIONAL', regionCode: null, description: '淄博市志愿服务区域品牌' },
  { name: '憨兜家园', kind: 'PROJECT', regionCode: null, description: '淄博市志愿服务项目品牌' },
  { name: '明理胡同', kind: 'PROJECT', regionCode: null, description: '邻里议事、纠纷调解的志愿服务项目品牌' },
  { name: '护学岗', kind: 'PROJECT', regionCode: null, description: '上学放学时段校园周边护学、文明交通劝导的志愿服务项目品牌' },
  { name: '城市星光', kind: 'PROJECT', regionCode: null, description: '“齐心向党·千店联盟”暖“新”行动：关爱服务快递员、网约配送员等新就业群体' },
  { name: '你点单我服务', kind: 'PROJECT', regionCode: null, description: '“你点单我服务”微心愿活动，打通志愿服务供需对接' },
  { name: '众议众筹', kind: 'PROJECT', regionCode: null, description: '“众议众筹”微治理工作法：红色楼长、单元长带动邻里守望、纠纷调解、民事民办' },
];

/** Project brands and the theme their projects take; the name is appended to the team's place. */
export const PROJECT_BRAND_THEMES: Readonly<Record<string, ServiceTheme>> = {
  憨兜家园: 'CHILD_CARE',
  明理胡同: 'COMMUNITY_GOVERNANCE',
  护学岗: 'TRAFFIC_SAFETY',
  城市星光: 'NEW_EMPLOYMENT_GROUPS',
  你点单我服务: 'POVERTY_RELIEF',
  众议众筹: 'COMMUNITY_GOVERNANCE',
};

export interface AwardEntry {
  title: string;
  rank: string;
  level: 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'COUNTY';
  year: number;
}

/** The two gold medals of the 7th China Youth Volunteer Service Project Contest (2024). */
export const GOLD_2024: AwardEntry = { title: '第七届中国青年志愿服务项目大赛', rank: '金奖', level: 'NATIONAL', year: 2024 };
export const GOLD_PROJECTS: readonly { name: string; theme: ServiceTheme; description: string }[] = [
  { name: '长者食堂多效互助', theme: 'ELDERLY_CARE', description: '依托长者食堂开展助餐、陪伴、健康监测等多效互助志愿服务' },
  { name: '适老安居规划师', theme: 'ELDERLY_CARE', description: '志愿者为老年人家庭入户评估、规划适老化改造，让老人安居' },
];

/** Other awards given to demo projects (city and provincial contests, typical selections). */
export const OTHER_AWARDS: readonly Omit<AwardEntry, 'year'>[] = [
  { title: '淄博市志愿服务项目大赛', rank: '一等奖', level: 'CITY' },
  { title: '淄博市志愿服务项目大赛', rank: '二等奖', level: 'CITY' },
  { title: '淄博市志愿服务项目大赛', rank: '三等奖', level: 'CITY' },
  { title: '山东省志愿服务项目大赛', rank: '银奖', level: 'PROVINCIAL' },
  { title: '山东省志愿服务项目大赛', rank: '铜奖', level: 'PROVINCIAL' },
  { title: '志愿服务“五个十佳”', rank: '十佳志愿服务项目', level: 'CITY' },
  { title: '学雷锋志愿服务“四个100”', rank: '最佳志愿服务项目', level: 'CITY' },
];

export interface ThemeEntry {
  /** Project names (after the team's place). */
  projects: readonly string[];
  /** Activity titles. */
  activities: readonly string[];
  /** Who a service record says was served. */
  servedParty: string;
  /** What a service record says was done. */
  content: string;
  /** Activity lengths in minutes. */
  lengths: readonly number[];
}

const SHORT = [60, 90, 120, 120, 150, 180, 240];

/** The themes of the report ("文明旅游、爱心助考、乡村振兴、应急救援、帮扶济困…") and the others of the schema. */
export const THEMES: Readonly<Record<ServiceTheme, ThemeEntry>> = {
  CIVILIZED_TOURISM: {
    projects: ['文明旅游志愿服务', '景区“红马甲”服务岗', '游客咨询驿站'],
    activities: ['文明旅游引导', '游客咨询与指引', '景区秩序维护'],
    servedParty: '游客',
    content: '为游客提供咨询指引，劝导不文明旅游行为',
    lengths: [120, 180, 240, 240],
  },
  EXAM_SUPPORT: {
    projects: ['爱心助考', '护航高考', '考点爱心服务站'],
    activities: ['爱心助考服务', '考点秩序维护', '爱心送考'],
    servedParty: '考生及家长',
    content: '在考点周边维护秩序、提供爱心送考和咨询服务',
    lengths: [240, 300, 480],
  },
  RURAL_REVITALIZATION: {
    projects: ['乡村振兴志愿服务', '助农直播间', '美丽庭院共建'],
    activities: ['助农直播带货', '农技下乡服务', '美丽庭院清整'],
    servedParty: '村民',
    content: '开展农技指导、助农销售和人居环境整治',
    lengths: [120, 180, 240, 360],
  },
  EMERGENCY_RESCUE: {
    projects: ['应急救援志愿服务', '防汛应急突击', '急救技能进社区'],
    activities: ['应急救援演练', '防汛巡查值守', '急救技能培训'],
    servedParty: '社区居民',
    content: '开展应急演练、巡查值守和急救技能培训',
    lengths: [120, 180, 240],
  },
  POVERTY_RELIEF: {
    projects: ['帮扶济困志愿服务', '微心愿圆梦行动', '暖冬送温暖'],
    activities: ['困难家庭走访慰问', '微心愿认领圆梦', '爱心物资发放'],
    servedParty: '困难群众',
    content: '走访困难家庭，认领和实现群众微心愿',
    lengths: SHORT,
  },
  ELDERLY_CARE: {
    projects: ['长者关爱', '银龄互助', '独居老人守护'],
    activities: ['长者食堂助餐服务', '独居老人探访', '适老化改造入户评估'],
    servedParty: '社区老人',
    content: '为老年人提供助餐、探访陪伴和居家适老化评估',
    lengths: SHORT,
  },
  COMMUNITY_GOVERNANCE: {
    projects: ['邻里守望', '红色楼长在行动', '民事民办议事会'],
    activities: ['邻里守望巡访', '矛盾纠纷调解', '楼院议事协商'],
    servedParty: '社区居民',
    content: '开展邻里守望、纠纷调解和楼院议事',
    lengths: SHORT,
  },
  CHILD_CARE: {
    projects: ['四点半课堂', '童心守护', '暑期托管'],
    activities: ['四点半课堂辅导', '留守儿童陪伴', '暑期托管服务'],
    servedParty: '辖区儿童',
    content: '为辖区儿童提供课后辅导和陪伴',
    lengths: [90, 120, 150, 180],
  },
  ENVIRONMENTAL_PROTECTION: {
    projects: ['河长助手', '垃圾分类宣传', '绿色家园'],
    activities: ['河道清洁行动', '垃圾分类宣传引导', '植绿护绿'],
    servedParty: '社区居民',
    content: '开展河道清洁、垃圾分类宣传和植绿护绿',
    lengths: SHORT,
  },
  CULTURAL_SERVICE: {
    projects: ['公益市集', '文化场馆讲解', '全民阅读推广'],
    activities: ['公益市集服务', '文化场馆讲解', '阅读推广活动'],
    servedParty: '参观群众',
    content: '在文化场馆和公益市集提供讲解、引导和阅读推广服务',
    lengths: [120, 180, 240],
  },
  MEDICAL_SERVICE: {
    projects: ['义诊进社区', '健康守护', '心理健康疏导'],
    activities: ['社区义诊', '健康知识讲座', '心理健康疏导'],
    servedParty: '社区居民',
    content: '开展义诊、健康讲座和心理健康疏导',
    lengths: [90, 120, 180, 240],
  },
  NEW_EMPLOYMENT_GROUPS: {
    projects: ['暖“新”服务套餐', '骑手驿站', '“随手拍”“顺手带”'],
    activities: ['新就业群体法律咨询', '快递员就业指导', '“随手拍”志愿培训'],
    servedParty: '快递员、网约配送员',
    content: '为新就业群体提供法律咨询、就业指导等“服务套餐”',
    lengths: [90, 120, 180],
  },
  TRAFFIC_SAFETY: {
    projects: ['文明交通', '斑马线守护', '平安出行'],
    activities: ['护学岗文明交通劝导', '路口文明交通引导', '交通安全宣传'],
    servedParty: '学生及过往行人',
    content: '在校园周边和路口劝导文明交通、护送学生',
    lengths: [60, 90, 120],
  },
};

export const THEME_NAMES = Object.keys(THEMES) as ServiceTheme[];

export const EVALUATIONS: readonly (readonly [string | null, number])[] = [
  ['优秀', 45],
  ['良好', 35],
  ['合格', 5],
  [null, 15],
];

export const CANCEL_REASONS: readonly string[] = ['气象部门发布暴雨预警，活动取消', '场地临时调整，活动取消', '报名人数不足，活动取消', '服务对象需求变更，活动取消'];

export const LIBRARY_REASONS = {
  gold: '获第七届中国青年志愿服务项目大赛金奖，入选市级示范项目库',
  added: ['市级示范项目评审入库', '年度动态调整新增入库', '项目展示交流会推荐入库'],
  removed: '年度动态调整：项目连续两个季度未开展活动，调出示范项目库',
  readded: '整改后恢复常态化运行，重新入库',
};

export interface RequestEntry {
  title: string;
  description: string;
}

/** 点单: services residents order, and micro-wishes (微心愿). */
export const SERVICE_REQUESTS: readonly RequestEntry[] = [
  { title: '独居老人助餐送餐', description: '老人行动不便，希望志愿者每周送餐上门' },
  { title: '家电维修上门服务', description: '家里洗衣机不能脱水，希望志愿者上门看看' },
  { title: '代购生活用品', description: '腿脚不便，需要代购米面油等生活用品' },
  { title: '陪同就医', description: '需要志愿者陪同到医院复查' },
  { title: '心理疏导陪伴', description: '家中老人情绪低落，希望有人陪伴聊天' },
  { title: '法律咨询', description: '咨询房屋租赁合同纠纷的处理办法' },
  { title: '助浴理发', description: '失能老人需要上门助浴和理发' },
  { title: '课业辅导', description: '孩子数学跟不上，希望有志愿者辅导作业' },
  { title: '楼道杂物清理', description: '楼道堆放杂物多，存在消防隐患' },
];
export const MICRO_WISHES: readonly RequestEntry[] = [
  { title: '给孩子一个新书包', description: '孩子上三年级，书包坏了' },
  { title: '一套课外读物', description: '想要一套适合初中生的课外读物' },
  { title: '冬天的一件棉衣', description: '老人想要一件厚棉衣过冬' },
  { title: '一副老花镜', description: '老人看报纸看不清，想要一副老花镜' },
  { title: '一辆儿童自行车', description: '孩子想要一辆自行车' },
  { title: '一台收音机', description: '独居老人想听戏曲广播' },
];

export const RATING_COMMENTS: Readonly<Record<number, readonly string[]>> = {
  5: ['志愿者非常热心，服务周到，感谢！', '来得很及时，解决了大问题', '非常满意'],
  4: ['服务很好，时间稍有延误', '挺满意的，谢谢志愿者'],
  3: ['基本解决了问题'],
  2: ['等待时间较长'],
  1: ['问题没有解决'],
};

export const RESIDENTIAL_AREAS: readonly string[] = ['幸福', '和谐', '阳光', '康乐', '锦绣', '福泰', '怡然', '祥和'];
