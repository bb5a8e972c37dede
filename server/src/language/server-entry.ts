import { startDrbdLanguageServer } from './main.js';

startDrbdLanguageServer();
