export { abortError } from '../../media/abort';
