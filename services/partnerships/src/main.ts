import { runService } from '@vg/service';
import { service } from './service';

runService(service);
